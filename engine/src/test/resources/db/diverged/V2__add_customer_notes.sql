-- Another line of work: applied to the parent by code that is not in the checkout.
ALTER TABLE customers ADD COLUMN notes text;
