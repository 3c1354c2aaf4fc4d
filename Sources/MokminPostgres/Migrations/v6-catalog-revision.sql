-- Mirrors the SQLite migration "v6-catalog-revision" (AppDatabase+Migrations.swift): a counter that every change to the
-- catalog moves on, so that a cached search index knows it is stale (whichever process changed the catalog).
-- SQLite's triggers are row triggers (FOR EACH ROW is all it has): these are too, one per table and event with the
-- SQLite trigger's name, all calling one function.
CREATE TABLE catalogRevision (
  id bigint PRIMARY KEY CHECK (id = 1),
  revision bigint NOT NULL
);
INSERT INTO catalogRevision (id, revision) VALUES (1, 0);
CREATE FUNCTION catalogRevision_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE catalogRevision SET revision = revision + 1 WHERE id = 1;
  RETURN NULL;
END
$$;
CREATE TRIGGER dataset_insert_revision AFTER INSERT ON dataset FOR EACH ROW EXECUTE FUNCTION catalogRevision_bump();
CREATE TRIGGER dataset_update_revision AFTER UPDATE ON dataset FOR EACH ROW EXECUTE FUNCTION catalogRevision_bump();
CREATE TRIGGER dataset_delete_revision AFTER DELETE ON dataset FOR EACH ROW EXECUTE FUNCTION catalogRevision_bump();
CREATE TRIGGER datasetTag_insert_revision AFTER INSERT ON datasetTag FOR EACH ROW EXECUTE FUNCTION catalogRevision_bump();
CREATE TRIGGER datasetTag_update_revision AFTER UPDATE ON datasetTag FOR EACH ROW EXECUTE FUNCTION catalogRevision_bump();
CREATE TRIGGER datasetTag_delete_revision AFTER DELETE ON datasetTag FOR EACH ROW EXECUTE FUNCTION catalogRevision_bump();
CREATE TRIGGER datasetVersion_insert_revision AFTER INSERT ON datasetVersion FOR EACH ROW EXECUTE FUNCTION catalogRevision_bump();
CREATE TRIGGER datasetVersion_update_revision AFTER UPDATE ON datasetVersion FOR EACH ROW EXECUTE FUNCTION catalogRevision_bump();
CREATE TRIGGER datasetVersion_delete_revision AFTER DELETE ON datasetVersion FOR EACH ROW EXECUTE FUNCTION catalogRevision_bump();
