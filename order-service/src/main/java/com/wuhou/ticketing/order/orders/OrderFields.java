package com.wuhou.ticketing.order.orders;

/** What a buyer's contact and documents must look like, wherever an order or a recovery names them. */
public final class OrderFields {

    /** A mainland mobile number, or + and a country code. */
    public static final String PHONE = "1\\d{10}|\\+\\d{6,19}";

    public static final String PHONE_MESSAGE = "must be a mobile number (or + country code)";

    /** The documents a visitor may name (IdDocument.Type). */
    public static final String ID_TYPE = "ID_CARD|PASSPORT";

    public static final String ID_TYPE_MESSAGE = "must be ID_CARD or PASSPORT";

    private OrderFields() {}
}
