-- Every client card reads the client's moves: with the moves in the index, that is one
-- index range instead of a random table read per move.
DROP INDEX segment_changes_client;
CREATE INDEX segment_changes_client ON segment_changes (client_id, id, day, from_code, to_code);
