package org.vfscope.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import java.util.regex.Pattern;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module layering, checked on the production classes of all three modules (app's test
 * classpath holds them all). Neither rule can pass vacuously: a rule whose classes are empty
 * fails ({@code allowEmptyShould(false)}), and so does an empty layer.
 */
@AnalyzeClasses(
        packages = "org.vfscope",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.DoNotIncludeTestsOfAnyBuildDir.class})
class ArchitectureTest {

    private static final String VISUALIZER = "org.vfscope.visualizer..";
    private static final String APP = "org.vfscope.app..";

    /** The engine is everything else under org.vfscope: block, buffer, mm, vfs, fs, fsck, trace, sys, ... */
    private static final DescribedPredicate<JavaClass> ENGINE =
            resideInAPackage("org.vfscope..").and(not(resideInAnyPackage(VISUALIZER, APP)))
                    .as("the engine (org.vfscope.. outside visualizer and app)");

    @ArchTest
    static final ArchRule engineNeverTouchesJavaFx = noClasses()
            .that(ENGINE)
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("the engine is pure Java; only visualizer and app may use JavaFX")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule modulesDependOnlyDownwards = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Engine").definedBy(ENGINE)
            .layer("Visualizer").definedBy(VISUALIZER)
            .layer("App").definedBy(APP)
            .whereLayer("App").mayNotBeAccessedByAnyLayer()
            .whereLayer("Visualizer").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Engine").mayOnlyBeAccessedByLayers("Visualizer", "App");

    /** DoNotIncludeTests knows only {@code target/test-classes}; builds with -Dbuild.suffix use {@code target-x/}. */
    static final class DoNotIncludeTestsOfAnyBuildDir implements ImportOption {
        private static final Pattern TEST_CLASSES = Pattern.compile(".*/target[^/]*/test-classes/.*");

        @Override
        public boolean includes(Location location) {
            return !location.matches(TEST_CLASSES);
        }
    }
}
