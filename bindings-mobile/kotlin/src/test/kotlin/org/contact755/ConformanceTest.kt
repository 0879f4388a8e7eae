package org.contact755

import java.io.File
import java.util.concurrent.atomic.AtomicInteger
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.fail

/**
 * Every conformance vector (SPEC §5) through the binding: `../shared/conformance` (when it is
 * beside the checkout), the vectors of `../shared/conformance-next` for the sections this
 * binding has built, and the project's `tests/conformance`.
 *
 * The vector is read and judged by the core ([ConformanceVector]): this suite runs its policy
 * and dataset through the binding's own `Policy.fromJson`, `audit` and `auditJson`, so the
 * binding is tested end to end, and hands the outcome to the core's judge, whose messages are
 * every runner's. Each vector also checks that `audit` and `auditJson` tell the same story.
 */
class ConformanceTest {
    private fun vectorFiles(): List<File> = Paths.jsonFiles(Paths.shared) + nextFiles() + Paths.jsonFiles(Paths.vectors)

    private fun nextFiles(): List<File> = Paths.jsonFiles(Paths.next).filter { f -> BUILT_NEXT.any { f.name.startsWith(it) } }

    @TestFactory
    fun vectors(): List<DynamicTest> {
        for (dir in listOf(Paths.shared, Paths.next)) {
            if (!dir.isDirectory) println("NOTICE: $dir not found beside this checkout; its vectors skipped")
        }
        val own = Paths.jsonFiles(Paths.vectors).size
        println("Kotlin conformance: ${vectorFiles().size} vectors (${nextFiles().size} of conformance-next, $own in tests/conformance)")
        return vectorFiles().map { file ->
            DynamicTest.dynamicTest(file.relativeToOrSelf(Paths.repo).path) {
                val problem = checkVector(file.readText())
                if (problem != null) {
                    failed.incrementAndGet()
                    println("FAIL ${file.path}: $problem")
                    fail("${file.name}: $problem")
                }
                passed.incrementAndGet()
            }
        }
    }

    @Test
    fun `vectors are found where their folders are present`() {
        assertTrue(Paths.jsonFiles(Paths.vectors).isNotEmpty(), "no vector found under ${Paths.vectors}")
        if (Paths.shared.isDirectory) assertTrue(Paths.jsonFiles(Paths.shared).isNotEmpty(), "no vector under ${Paths.shared}")
        if (Paths.next.isDirectory) {
            for (prefix in BUILT_NEXT) {
                assertEquals(1, nextFiles().count { it.name.startsWith(prefix) }, "one vector $prefix* under ${Paths.next}")
            }
        }
    }

    /** The runner's own part: what it hands the judge, and what it makes of a failure. */
    @Test
    fun `the runner hands every outcome to the judge`() {
        val dataset = """{"period": {"start": "2016-03-14", "end": "2016-03-20"},
            "personnel": [{"id": "S200", "role": "sergeant"}], "worksheets": []}"""
        val pass = """{"name": "n", "dataset": $dataset,
            "expect": {"findings": [{"rule": "SGT-BRIEFING", "subject": "personnel:S200", "severity": "violation"}],
                       "summary": {"worksheets_audited": 0}}}"""
        assertNull(checkVector(pass))
        // A failing report: the core judge's words.
        assertEquals(
            "missing FP-CARD personnel:S200; unexpected SGT-BRIEFING personnel:S200",
            checkVector(pass.replace("SGT-BRIEFING", "FP-CARD")),
        )
        // The policy reaches Policy.fromJson: a preset that changes the severity.
        val compton = pass.replace("\"dataset\"", "\"policy\": {\"preset\": \"compton-2018\", \"rules\": {\"SGT-BRIEFING\": {\"severity\": \"advisory\"}}}, \"dataset\"")
        assertEquals("SGT-BRIEFING personnel:S200 has severity advisory, expected violation", checkVector(compton))
        // A rejected policy is a rejection at the setting's path (SPEC §3).
        val badPolicy = """{"name": "n", "policy": {"rules": {"DATA-CODE-MALFORMED": {"enabled": false}}},
            "dataset": $dataset, "expect": {"error": {"path": "rules.DATA-CODE-MALFORMED"}}}"""
        assertNull(checkVector(badPolicy))
        assertEquals(
            "rejected at path \"rules.DATA-CODE-MALFORMED\", expected a path starting with \"rules.FP\"",
            checkVector(badPolicy.replace("\"path\": \"rules.DATA-CODE-MALFORMED\"", "\"path\": \"rules.FP\"")),
        )
        // The dataset reaches the binding as written in the file: a key repeated on purpose.
        val repeated = """{"name": "n", "dataset": {"period": {"start": "2016-03-14", "end": "2016-03-20"},
            "period": {"start": "2016-03-14", "end": "2016-03-20"}, "personnel": [], "worksheets": []},
            "expect": {"error": {"path": ""}}}"""
        assertNull(checkVector(repeated))
        assertEquals("rejected at path \"\", expected a report", checkVector(repeated.replace("\"error\": {\"path\": \"\"}", "\"findings\": []")))
        assertTrue(checkVector("""{"name": "n"}""")!!.startsWith("not a valid vector: "))
    }

    companion object {
        /**
         * The vectors of `conformance-next` whose sections this binding has built: SPEC §6
         * (presets, rule settings, code format: 027-030). §7 (tabular datasets, 031-) is not
         * exported here yet.
         */
        val BUILT_NEXT = listOf("027-", "028-", "029-", "030-")

        private val passed = AtomicInteger()
        private val failed = AtomicInteger()

        /** The runners' closing line (SPEC §5), once the vectors have run. */
        @JvmStatic
        @AfterAll
        fun summary() {
            if (passed.get() + failed.get() > 0) println("conformance: ${passed.get()} passed, ${failed.get()} failed")
        }

        /** Checks one vector given as JSON text: `null` when it passes, else what differed. */
        fun checkVector(text: String): String? {
            val vector = try {
                ConformanceVector.parse(text)
            } catch (e: Contact755Exception.InvalidVector) {
                return e.detail
            }
            return vector.use { v ->
                val policy = try {
                    v.policyJson()?.let { Policy.fromJson(it) } ?: Policy.norwalk2016()
                } catch (e: Contact755Exception.InvalidPolicy) {
                    return@use v.judgeRejection(e.path)
                }
                policy.use { judgeAudit(v, it) }
            }
        }

        /** Audits the vector's dataset with `audit` and `auditJson` and judges the outcome. */
        private fun judgeAudit(vector: ConformanceVector, policy: Policy): String? {
            val dataset = vector.datasetJson()
            val typed = runCatching { policy.audit(dataset) }
            val text = runCatching { policy.auditJson(dataset) }
            val typedError = typed.exceptionOrNull()
            val textError = text.exceptionOrNull()
            // Anything but a rejection of the input is a failure of the test, not of the vector.
            listOfNotNull(typedError, textError).firstOrNull { it !is Contact755Exception.InvalidInput }?.let { throw it }
            if (typedError != null || textError != null) {
                val a = (typedError as Contact755Exception.InvalidInput?)?.toString()
                val b = (textError as Contact755Exception.InvalidInput?)?.toString()
                if (a != b) return "audit and auditJson disagree: audit gives ${a ?: "a report"}, auditJson ${b ?: "a report"}"
                return vector.judgeRejection((typedError as Contact755Exception.InvalidInput).path)
            }
            val report = text.getOrThrow()
            crossCheck(typed.getOrThrow(), report, policy)?.let { return it }
            return vector.judgeReport(report)
        }

        /**
         * `audit` and `auditJson` must agree: the same findings, the same fingerprint, which is
         * the policy's, and the typed report's settings are the policy's. The summary is not
         * compared here: that would take a Kotlin writer of the SPEC's JSON (the core's judge
         * reads the summary from `auditJson`; `ApiTest` checks the typed summary's values).
         */
        @Suppress("UNCHECKED_CAST")
        private fun crossCheck(typed: Report, text: String, policy: Policy): String? {
            val json = Json.parse(text) as Map<String, Any?>
            if (json["findings"] != typed.findings.map { it.toJsonValue() }) return "auditJson findings differ from audit's"
            if (json["policy_sha256"] != typed.policySha256) return "auditJson policy_sha256 differs from audit's"
            if (typed.policySha256 != policy.fingerprint()) return "the report's policySha256 is not policy.fingerprint()"
            if (typed.policy != policy.settings()) return "the report's policy is not policy.settings()"
            return null
        }
    }
}
