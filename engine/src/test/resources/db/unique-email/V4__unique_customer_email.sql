-- Fine on an empty database; fails where two customers share an email.
CREATE UNIQUE INDEX customers_email_key ON customers (email);
