package com.omnichannel.gateway.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The committed SDL must equal what the server serves, so every schema change shows up in review.
 * After an intended change, refresh it with {@code mvn test -Dtest=SchemaIsCommittedTest -Dschema.update=true}.
 */
@QuarkusTest
class SchemaIsCommittedTest {

    static final Path COMMITTED = Path.of("graphql-schema/schema.graphql");

    @Test
    void served_schema_matches_the_committed_sdl() throws IOException {
        String served = given().when().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("schema.update")) {
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
        }
        assertThat(COMMITTED).as("graphql-schema/schema.graphql is missing").exists();
        String committed = Files.readString(COMMITTED, StandardCharsets.UTF_8);
        assertThat(served)
                .as("The served schema differs from graphql-schema/schema.graphql; if the change is intended, run "
                        + "mvn test -Dtest=SchemaIsCommittedTest -Dschema.update=true and commit the file")
                .isEqualTo(committed);
    }
}
