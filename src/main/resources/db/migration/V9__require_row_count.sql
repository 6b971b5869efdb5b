-- Fails the statement it is called in, and so rolls back its transaction, when fewer rows changed than it meant to
-- change. A statement sent together with its transaction's COMMIT (a checkout's stock reservation) cannot leave that
-- decision to the client: by the time the client reads the result, PostgreSQL has committed. SQLSTATE OC409 lets
-- the client tell this failure from any other.
CREATE FUNCTION require_row_count(changed bigint, expected int, what text) RETURNS boolean
    LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF changed IS DISTINCT FROM expected::bigint THEN
        RAISE EXCEPTION '% of % % changed', changed, expected, what USING ERRCODE = 'OC409';
    END IF;
    RETURN true;
END
$$;
