CREATE TABLE events (
    id          bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    kind        text NOT NULL,
    occurred_at timestamptz NOT NULL,
    client_ip   inet,
    payload     jsonb NOT NULL
);
CREATE INDEX events_customer_time_idx ON events (customer_id, occurred_at);
