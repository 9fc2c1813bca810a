-- V1 edited after it was applied: its checksum no longer matches the history.
CREATE TABLE customers (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email      text        NOT NULL,
    name       text        NOT NULL,
    nickname   text,
    created_at timestamptz NOT NULL DEFAULT now()
);
