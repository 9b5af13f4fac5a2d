-- Sign-in tries that count towards throttling: each failure, and each try under way (removed when it
-- succeeds), so that concurrent guesses on several instances are counted too. The audit keeps the record of
-- failures; rows older than a day are pruned.
CREATE TABLE login_failures (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  email text NOT NULL,
  ip text NOT NULL,
  -- The nonce of the valid device cookie presented for this account; null for an unknown device.
  device text
);
CREATE INDEX login_failures_email_idx ON login_failures (email, at);
CREATE INDEX login_failures_ip_idx ON login_failures (ip, at);
CREATE INDEX login_failures_device_idx ON login_failures (device, at) WHERE device IS NOT NULL;
CREATE INDEX login_failures_at_idx ON login_failures (at);

-- Secrets generated once by the first instance and shared by all (the device-cookie key when
-- RELAIS_DEVICE_KEY is not set).
CREATE TABLE server_secrets (
  name text PRIMARY KEY,
  secret bytea NOT NULL,
  created_at timestamptz NOT NULL
);
