package io.neoforge.platform.testing;

import io.neoforge.platform.auth.DevKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/** A test key pair, made by the same {@link DevKeys} the sandbox uses; tokens are minted with {@link Tokens}. */
public class JwtTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://neoforge.test/platform";

    @Override
    public Map<String, String> start() {
        return DevKeys.generate(Path.of("target", "test-keys"), ISSUER);
    }

    @Override
    public void stop() {}
}
