package dev.sheepop;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The core stays free of UI types, and packages do not depend on each other in circles. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.sheepop");
    }

    @Test
    void nothingOutsideTheAppPackageUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage("dev.sheepop.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(classes);
    }

    @Test
    void thereAreNoPackageCycles() {
        slices().matching("dev.sheepop.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theCoreNeverImportsTheCliOrTheApp() {
        noClasses().that().resideInAnyPackage("dev.sheepop.ingest..", "dev.sheepop.tokenizer..", "dev.sheepop.data..",
                        "dev.sheepop.model..", "dev.sheepop.train..", "dev.sheepop.checkpoint..", "dev.sheepop.generate..",
                        "dev.sheepop.config..", "dev.sheepop.common..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sheepop.cli..", "dev.sheepop.app..")
                .check(classes);
    }
}
