package com.omnichannel.gateway.platform.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The endpoint takes no file uploads: multipart bodies are refused before anything of them is read or stored. */
@QuarkusTest
class MultipartRequestsTest {

    static long filesUnder(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void a_multipart_upload_is_refused_with_415_and_nothing_reaches_the_disk() throws IOException {
        Path uploads = Path.of("file-uploads");
        long before = filesUnder(uploads);
        Response response = given().multiPart("operations", "{\"query\": \"{ __typename }\"}")
                .multiPart("0", "upload.txt", "x".repeat(64 * 1024).getBytes(), "text/plain").post("/graphql");
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("BAD_REQUEST");
        assertThat(filesUnder(uploads)).isEqualTo(before);
    }

    @Test
    void a_malformed_multipart_body_is_refused_with_a_code() {
        Response response = given()
                .config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig().encodeContentTypeAs("multipart/form-data", ContentType.TEXT)))
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .body("--xyz\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{\"query\"").post("/graphql");
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("BAD_REQUEST");
    }
}
