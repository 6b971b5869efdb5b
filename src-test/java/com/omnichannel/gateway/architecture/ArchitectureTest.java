package com.omnichannel.gateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The layering of the house, checked over the compiled service (not the tests): {@code platform/} sits below the
 * domains and knows none of them; domains do not depend on each other in circles; a repository is the I/O of its own
 * package; the GraphQL API classes map arguments and delegate, holding no SQL and no Redis calls.
 */
class ArchitectureTest {

    static final String BASE = "com.omnichannel.gateway";
    static final String PLATFORM = BASE + ".platform..";

    static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    /** Any class of the service outside platform/: the domains (and demo data, which may import them). */
    static final DescribedPredicate<JavaClass> DOMAIN_CLASS = DescribedPredicate.describe("a domain class",
            c -> c.getPackageName().startsWith(BASE + ".") && !c.getPackageName().startsWith(BASE + ".platform"));

    @Test
    void platform_imports_no_domain() {
        noClasses().that().resideInAPackage(PLATFORM)
                .should().dependOnClassesThat(DOMAIN_CLASS)
                .check(SERVICE);
    }

    @Test
    void domain_packages_have_no_cycles() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(SERVICE);
    }

    @Test
    void a_repository_is_used_only_inside_its_own_package() {
        classes().that().haveSimpleNameEndingWith("Repository").and().resideOutsideOfPackage(PLATFORM)
                .should(beAccessedOnlyFromTheirOwnPackage())
                .check(SERVICE);
    }

    @Test
    void only_repositories_send_sql() {
        noClasses().that(DescribedPredicate.not(IN_A_REPOSITORY))
                .and().resideOutsideOfPackages(PLATFORM, BASE + ".demo..")
                .should().callMethodWhere(SENDS_SQL)
                .orShould().dependOnClassesThat().resideInAnyPackage("io.vertx.sqlclient..", "io.vertx.mutiny.sqlclient..")
                .check(SERVICE);
    }

    @Test
    void graphql_api_classes_hold_no_sql_and_no_redis_calls() {
        noClasses().that().haveSimpleNameEndingWith("GraphQLApi")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.vertx.sqlclient..", "io.vertx.mutiny.sqlclient..", "io.vertx.pgclient..", "io.vertx.mutiny.pgclient..",
                        "io.quarkus.redis..", "io.vertx.redis..", "io.vertx.mutiny.redis..", "org.hibernate..",
                        BASE + ".platform.db..", BASE + ".platform.redis..")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .check(SERVICE);
    }

    /** A repository class or one nested in it. */
    static final DescribedPredicate<JavaClass> IN_A_REPOSITORY = DescribedPredicate.describe("in a repository",
            c -> c.getName().replaceAll("\\$.*", "").endsWith("Repository"));

    /** A statement sent through the shared pool or a transaction (platform/db). */
    static final DescribedPredicate<JavaMethodCall> SENDS_SQL = DescribedPredicate.describe("a statement sent through Db",
            call -> call.getTargetOwner().getPackageName().equals(BASE + ".platform.db")
                    && call.getName().startsWith("query"));

    private static ArchCondition<JavaClass> beAccessedOnlyFromTheirOwnPackage() {
        return new ArchCondition<>("be used only by classes of their own package") {
            @Override
            public void check(JavaClass repository, ConditionEvents events) {
                repository.getDirectDependenciesToSelf().stream()
                        .filter(d -> !d.getOriginClass().getPackageName().equals(repository.getPackageName()))
                        .forEach(d -> events.add(SimpleConditionEvent.violated(d, d.getDescription())));
            }
        };
    }
}
