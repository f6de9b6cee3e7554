package io.neoforge.operator.database;

import java.security.SecureRandom;

/** Random database passwords: letters and digits only, so they survive every URL and shell unquoted. */
public final class PasswordGenerator {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordGenerator() {}

    public static String generate(int length) {
        if (length < 16) {
            throw new IllegalArgumentException("database passwords must be at least 16 characters");
        }
        StringBuilder password = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
