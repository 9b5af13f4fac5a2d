-- Regulation: notifications to regulators, active until acknowledged.

CREATE TABLE notifications (
  id bigserial PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL CHECK (kind IN ('request_filed', 'request_escalated', 'request_overdue')),
  request_id uuid NOT NULL REFERENCES ecmo_requests (id),
  -- Regional regulators of this region, or the national regulators when NULL.
  region_code text REFERENCES regions (code),
  message text NOT NULL,
  acknowledged_at timestamptz,
  acknowledged_by uuid,
  acknowledged_label text
);
CREATE UNIQUE INDEX notifications_once_idx ON notifications (request_id, kind);
CREATE INDEX notifications_active_idx ON notifications (region_code) WHERE acknowledged_at IS NULL;
