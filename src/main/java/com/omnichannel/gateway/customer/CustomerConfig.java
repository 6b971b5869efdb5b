package com.omnichannel.gateway.customer;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Customer accounts: token lifetimes, password hashing, sign-in limits and the activity event writer. */
@ConfigMapping(prefix = "app.customer")
public interface CustomerConfig {

    /** Access tokens are short-lived; refresh tokens are used once each and rotate. */
    @WithDefault("PT15M")
    Duration accessTokenLifetime();

    @WithDefault("P30D")
    Duration refreshTokenLifetime();

    /** A customer signed in at a kiosk is signed out after this long. */
    @WithDefault("PT15M")
    Duration kioskSessionLifetime();

    Password password();

    SignIn signIn();

    Activity activity();

    interface Password {
        /** bcrypt work factor: each +1 doubles the time of a sign-in. */
        @WithDefault("12")
        int bcryptCost();
    }

    /** Sign-in attempts per account (email) and per client address within the window, customers and staff alike. */
    interface SignIn {
        @WithDefault("10")
        int maxAttemptsPerAccount();

        @WithDefault("50")
        int maxAttemptsPerAddress();

        @WithDefault("PT15M")
        Duration attemptWindow();
    }

    /** Activity events are queued and written in batches at this interval; beyond the buffer they are dropped. */
    interface Activity {
        @WithDefault("250")
        long flushIntervalMillis();

        @WithDefault("50000")
        int bufferCapacity();
    }
}
