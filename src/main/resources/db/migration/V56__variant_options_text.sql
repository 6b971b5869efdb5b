-- A variant's options as JSON text beside the JSON value, kept by PostgreSQL: reads send the text as it is, where
-- writing the JSON value out as text for every row read was about a third of PostgreSQL's work for a list of
-- products with their variants. Writes still set only the options.
ALTER TABLE product_variant ADD COLUMN options_text text GENERATED ALWAYS AS (options::text) STORED;
