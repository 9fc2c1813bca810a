CREATE TABLE customers (
    id           bigint PRIMARY KEY,
    public_id    uuid NOT NULL UNIQUE,
    email        varchar(254) NOT NULL UNIQUE,
    full_name    text NOT NULL,
    country      char(2) NOT NULL,
    created_at   timestamptz NOT NULL,
    is_active    boolean NOT NULL DEFAULT true,
    credit_limit numeric(12, 2) NOT NULL CHECK (credit_limit >= 0)
);
