-- Regulation: ECMO requests and their timeline (issue "Regulation").

CREATE TABLE ecmo_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_code text NOT NULL CHECK (case_code ~ '^[A-Z0-9][A-Z0-9-]{3,23}$'),
  finess text NOT NULL REFERENCES establishments (finess),
  age_band text NOT NULL CHECK (age_band IN ('child', '18-39', '40-59', '60-69', '70+')),
  indication text NOT NULL CHECK (indication IN ('VV', 'VA', 'ECPR')),
  urgency text NOT NULL CHECK (urgency IN ('immediate', 'hours', 'planned')),
  clinical jsonb NOT NULL,
  site_can_host boolean NOT NULL,
  contact_name text NOT NULL,
  contact_phone text NOT NULL,
  state text NOT NULL CHECK (state IN ('filed', 'regional_regulation', 'escalated_national', 'decided', 'executing', 'closed', 'declined')),
  outcome text CHECK (outcome IN ('on_ecmo', 'transferred', 'not_indicated', 'died_before', 'withdrawn')),
  decline_reason text,
  escalation_reason text,
  version integer NOT NULL DEFAULT 1,
  filed_at timestamptz NOT NULL DEFAULT now(),
  filed_by uuid,
  regulation_started_at timestamptz,
  escalated_at timestamptz,
  decided_at timestamptz,
  closed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- One live request per case: filing a second one points to the first.
CREATE UNIQUE INDEX ecmo_requests_live_case_idx ON ecmo_requests (case_code) WHERE state NOT IN ('closed', 'declined');
CREATE INDEX ecmo_requests_state_idx ON ecmo_requests (state, filed_at);
CREATE INDEX ecmo_requests_finess_idx ON ecmo_requests (finess);

CREATE TABLE request_events (
  id bigserial PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES ecmo_requests (id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid,
  actor_label text NOT NULL,
  kind text NOT NULL,
  from_state text,
  to_state text,
  reason text,
  data jsonb
);
CREATE INDEX request_events_request_idx ON request_events (request_id, at);
