-- A backfill in one statement: every order row is updated (the review counts the rows and times the statement).
UPDATE orders SET note = 'status at import: ' || status::text WHERE note IS NULL;
