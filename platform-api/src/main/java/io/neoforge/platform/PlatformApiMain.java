package io.neoforge.platform;

import io.neoforge.platform.auth.DevKeys;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Entry point. With {@code neoforge.api.auth.dev-keys.enabled=true} (the sandbox profile) it first generates a key
 * pair and points token verification and {@link io.neoforge.platform.auth.TokenIssuer} at it: the JWT settings are
 * read when Quarkus starts, so they must exist before.
 */
@QuarkusMain
public class PlatformApiMain {

    public static void main(String... args) {
        Config config = ConfigProvider.getConfig();
        if (config.getOptionalValue("neoforge.api.auth.dev-keys.enabled", Boolean.class)
                .orElse(false)) {
            Path directory = Path.of(config.getOptionalValue("neoforge.api.auth.dev-keys.directory", String.class)
                    .orElse(".neoforge/platform-api"));
            String issuer = config.getOptionalValue("mp.jwt.verify.issuer", String.class)
                    .orElse("neoforge-sandbox");
            DevKeys.generate(directory, issuer).forEach(System::setProperty);
        }
        Quarkus.run(args);
    }
}
