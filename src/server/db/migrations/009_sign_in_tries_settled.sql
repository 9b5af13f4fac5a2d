-- A try under way is not yet a failure: concurrent tries that the throttle would refuse because of tries
-- under way wait for them to settle (a success removes its row, a failure marks it settled) instead of being
-- refused for guesses that may prove right. Rows already there are failures.
ALTER TABLE login_failures ADD COLUMN settled boolean NOT NULL DEFAULT true;
