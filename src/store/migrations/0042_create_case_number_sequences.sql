-- The daily sequence behind case numbers (530102-20261124-0007), minted inside the intake
-- transaction: one row per district and local (Asia/Shanghai) date.
CREATE TABLE case_number_sequences (
  district_code char(6) NOT NULL,
  local_date date NOT NULL,
  last_seq integer NOT NULL CHECK (last_seq >= 1),
  PRIMARY KEY (district_code, local_date)
);
