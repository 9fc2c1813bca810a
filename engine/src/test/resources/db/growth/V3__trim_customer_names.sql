UPDATE customers SET name = btrim(name) WHERE name <> btrim(name);
