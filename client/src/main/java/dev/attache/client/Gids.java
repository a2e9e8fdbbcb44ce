package dev.attache.client;

/** Checks shared by the gid records. */
final class Gids {

    private Gids() {
    }

    static void requireDigits(String value, String what) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(what + " must be decimal digits, got: " + value);
            }
        }
    }
}
