-- Keys of a batch statement as rows the planner counts as a few, whatever the array holds.
--
-- PostgreSQL plans a prepared statement afresh on every execution when its generic plan looks dearer than the
-- custom plans it made for the actual parameters. With "= ANY($1)" or unnest($1) over an array parameter the
-- custom plans see the array's real length (a checkout: 3) while the generic plan assumes more, so it is never
-- chosen and every execution pays for planning again (a few tenths of a millisecond of database CPU each, for the
-- statements of every checkout). These functions are not inlined, so custom and generic plans both see the
-- declared ROWS estimate and the generic plan is kept after a few executions.
CREATE FUNCTION batch_keys(keys bigint[]) RETURNS SETOF bigint
    LANGUAGE plpgsql STABLE STRICT ROWS 5 AS $$
BEGIN
    RETURN QUERY SELECT unnest(keys);
END
$$;

CREATE FUNCTION batch_stock_changes(variant_ids bigint[], location_ids bigint[], on_hand_deltas int[], reserved_deltas int[])
    RETURNS TABLE (variant_id bigint, location_id bigint, on_hand_delta int, reserved_delta int)
    LANGUAGE plpgsql STABLE STRICT ROWS 5 AS $$
BEGIN
    RETURN QUERY SELECT * FROM unnest(variant_ids, location_ids, on_hand_deltas, reserved_deltas);
END
$$;
