package com.omnichannel.gateway.store;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Local times of opening hours as clients send and read them: HH:mm, with 24:00 accepted as a closing time. */
final class LocalTimes {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private LocalTimes() {
    }

    static String format(LocalTime time) {
        return time.format(HH_MM);
    }

    /** The time, or null when the text is not HH:mm. "24:00" (midnight at the end of the day) reads as 00:00. */
    static LocalTime parse(String text) {
        if (text == null || !text.matches("\\d{2}:\\d{2}")) {
            return null;
        }
        if (text.equals("24:00")) {
            return LocalTime.MIDNIGHT;
        }
        try {
            return LocalTime.parse(text, HH_MM);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
