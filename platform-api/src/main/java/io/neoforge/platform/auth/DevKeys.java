package io.neoforge.platform.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fresh RSA key pair for the sandbox and tests, written as PEM ({@code public.pem}, {@code private.pem}) into a
 * directory. {@link #generate} returns the configuration that makes the API verify, and {@link TokenIssuer} sign,
 * with it; apply it as system properties before Quarkus starts.
 */
public final class DevKeys {

    public static final String PUBLIC_KEY_FILE = "public.pem";
    public static final String PRIVATE_KEY_FILE = "private.pem";

    private DevKeys() {}

    public static Map<String, String> generate(Path directory, String issuer) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(directory);
            Path publicKey = directory.resolve(PUBLIC_KEY_FILE).toAbsolutePath();
            Path privateKey = directory.resolve(PRIVATE_KEY_FILE).toAbsolutePath();
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.deleteIfExists(privateKey);
            Files.createFile(
                    privateKey, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));

            Map<String, String> config = new LinkedHashMap<>();
            config.put("mp.jwt.verify.publickey.location", publicKey.toUri().toString());
            config.put("smallrye.jwt.sign.key.location", privateKey.toUri().toString());
            config.put("mp.jwt.verify.issuer", issuer);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the dev key pair to " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is not available", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
