-- Orders of the own online channel, their tickets, payments and refunds. Times are UTC.
CREATE TABLE ticket_order (
    order_no      VARCHAR(40)  NOT NULL PRIMARY KEY,
    channel       VARCHAR(32)  NOT NULL,
    session_id    BIGINT       NOT NULL,
    visit_date    DATE         NOT NULL COMMENT 'museum-local',
    start_time    TIME         NOT NULL,
    end_time      TIME         NOT NULL,
    contact_phone VARCHAR(32)  NOT NULL,
    status        VARCHAR(24)  NOT NULL,
    total_fen     BIGINT       NOT NULL,
    pay_deadline  DATETIME(3)  NOT NULL,
    token_hash    CHAR(64)     NOT NULL COMMENT 'SHA-256 of the order token; the token itself is only given to the buyer',
    hold_ref      VARCHAR(64)  NOT NULL COMMENT 'the inventory hold behind the tickets',
    payment_id    VARCHAR(40)  NULL COMMENT 'the payment that paid the order',
    paid_at       DATETIME(3)  NULL,
    created_at    DATETIME(3)  NOT NULL,
    updated_at    DATETIME(3)  NOT NULL,
    KEY idx_order_due (status, pay_deadline)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COMMENT = 'orders';

CREATE TABLE order_ticket (
    ticket_id     VARCHAR(48)  NOT NULL PRIMARY KEY,
    order_no      VARCHAR(40)  NOT NULL,
    ticket_type   VARCHAR(32)  NOT NULL,
    price_fen     BIGINT       NOT NULL,
    visitor_name  VARCHAR(64)  NOT NULL,
    id_type       VARCHAR(16)  NOT NULL,
    id_masked     VARCHAR(32)  NOT NULL COMMENT 'the full number is not kept',
    id_hash       CHAR(64)     NOT NULL COMMENT 'keyed hash of type and number (per-ID limit, gate look-up)',
    status        VARCHAR(16)  NOT NULL,
    credential    VARCHAR(512) NULL COMMENT 'signed QR text, once paid',
    created_at    DATETIME(3)  NOT NULL,
    updated_at    DATETIME(3)  NOT NULL,
    KEY idx_ticket_order (order_no),
    KEY idx_ticket_id_hash (id_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COMMENT = 'one ticket per visitor';

CREATE TABLE payment (
    payment_id    VARCHAR(40)  NOT NULL PRIMARY KEY,
    order_no      VARCHAR(40)  NOT NULL,
    method        VARCHAR(16)  NOT NULL,
    amount_fen    BIGINT       NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    provider_txn  VARCHAR(64)  NULL,
    created_at    DATETIME(3)  NOT NULL,
    updated_at    DATETIME(3)  NOT NULL,
    KEY idx_payment_order (order_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COMMENT = 'payment attempts';

CREATE TABLE refund (
    refund_id     VARCHAR(48)   NOT NULL PRIMARY KEY,
    order_no      VARCHAR(40)   NOT NULL,
    payment_id    VARCHAR(40)   NOT NULL,
    ticket_ids    VARCHAR(1024) NOT NULL COMMENT 'comma-separated',
    amount_fen    BIGINT        NOT NULL,
    status        VARCHAR(16)   NOT NULL COMMENT 'PENDING until the provider confirms',
    created_at    DATETIME(3)   NOT NULL,
    updated_at    DATETIME(3)   NOT NULL,
    KEY idx_refund_order (order_no),
    KEY idx_refund_status (status, updated_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COMMENT = 'refunds of tickets';

-- The sandbox payment provider's own records (it stands in for an outside system; production has none).
CREATE TABLE sandbox_payment (
    payment_id    VARCHAR(40)   NOT NULL PRIMARY KEY,
    amount_fen    BIGINT        NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    outcome       VARCHAR(16)   NOT NULL,
    pay_at        DATETIME(3)   NOT NULL COMMENT 'when the payer completes',
    notify_at     DATETIME(3)   NOT NULL,
    notices_left  INT           NOT NULL,
    attempts      INT           NOT NULL,
    ignore_close  BOOLEAN       NOT NULL,
    refunded_fen  BIGINT        NOT NULL,
    notify_url    VARCHAR(512)  NOT NULL,
    created_at    DATETIME(3)   NOT NULL,
    KEY idx_sandbox_due (notices_left, notify_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COMMENT = 'sandbox provider state';

CREATE TABLE sandbox_refund (
    refund_id     VARCHAR(48)   NOT NULL PRIMARY KEY,
    payment_id    VARCHAR(40)   NOT NULL,
    amount_fen    BIGINT        NOT NULL,
    created_at    DATETIME(3)   NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COMMENT = 'sandbox provider refunds';
