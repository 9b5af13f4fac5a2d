-- The head of the audit chain only moves forward: to a later entry of the journal that chains onto the
-- old head. A superuser can still switch triggers off: the signed checkpoints kept outside the database
-- (`audit:checkpoint`) are what catch a journal cut together with its head.
CREATE FUNCTION audit_head_forward_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' OR TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'audit_head only moves forward: it cannot be removed';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash) THEN
    RAISE EXCEPTION 'audit_head must name an entry of audit_log (#% with that hash)', NEW.seq;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF NEW.seq <= OLD.seq THEN
      RAISE EXCEPTION 'audit_head only moves forward (from #% to #%)', OLD.seq, NEW.seq;
    END IF;
    IF NOT EXISTS (
      SELECT 1 FROM audit_log
      WHERE seq = (SELECT min(seq) FROM audit_log WHERE seq > OLD.seq) AND prev_hash = OLD.hash
    ) THEN
      RAISE EXCEPTION 'audit_head only moves forward along the chain: the entry after #% does not chain onto it', OLD.seq;
    END IF;
  ELSIF (SELECT prev_hash FROM audit_log ORDER BY seq LIMIT 1) <> repeat('0', 64) THEN
    RAISE EXCEPTION 'audit_head must head a chain that starts at the first entry';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_head_forward
  BEFORE INSERT OR UPDATE OR DELETE ON audit_head
  FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only();

CREATE TRIGGER audit_head_no_truncate
  BEFORE TRUNCATE ON audit_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_head_forward_only();
