package org.contact755

import java.io.File
import java.util.concurrent.atomic.AtomicInteger
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.fail

/**
 * Every conformance vector (SPEC §5) through the binding: `../shared/conformance` (when it is
 * beside the checkout) and the project's `tests/conformance`. The comparison mirrors the Rust
 * runner: the exact set of (rule, subject) pairs, the summary as a subset, or a rejection
 * whose path starts with the expected one. Each vector also checks that `audit` and
 * `auditJson` tell the same story.
 */
class ConformanceTest {
    private fun vectorFiles(): List<File> = Paths.jsonFiles(Paths.shared) + Paths.jsonFiles(Paths.vectors)

    @TestFactory
    fun vectors(): List<DynamicTest> {
        if (!Paths.shared.isDirectory) {
            println("NOTICE: ${Paths.shared} not found beside this checkout; shared vectors skipped")
        }
        val own = Paths.jsonFiles(Paths.vectors).size
        println("Kotlin conformance: ${vectorFiles().size} vectors (${own} in tests/conformance)")
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
    fun `vectors are found when the shared folder is present`() {
        if (Paths.shared.isDirectory) {
            assertTrue(vectorFiles().isNotEmpty(), "no vector found under ${Paths.shared} or ${Paths.vectors}")
        }
    }

    @Test
    fun `the checker itself tells a pass from a failure`() {
        val dataset = """{"period": {"start": "2016-03-14", "end": "2016-03-20"},
            "personnel": [{"id": "S200", "role": "sergeant"}], "worksheets": []}"""
        val pass = """{"name": "n", "dataset": $dataset,
            "expect": {"findings": [{"rule": "SGT-BRIEFING", "subject": "personnel:S200"}],
                       "summary": {"worksheets_audited": 0}}}"""
        assertEquals(null, checkVector(pass))
        val missing = pass.replace("SGT-BRIEFING", "FP-CARD")
        assertEquals("missing FP-CARD personnel:S200; unexpected SGT-BRIEFING personnel:S200", checkVector(missing))
        val summary = pass.replace("\"worksheets_audited\": 0", "\"worksheets_audited\": 1")
        assertEquals("summary.worksheets_audited is 0, expected 1", checkVector(summary))
        val repeated = """{"name": "n", "dataset": {"period": {"start": "2016-03-14", "end": "2016-03-20"},
            "period": {"start": "2016-03-14", "end": "2016-03-20"}, "personnel": [], "worksheets": []},
            "expect": {"error": {"path": ""}}}"""
        assertEquals(null, checkVector(repeated))
        assertEquals("accepted, expected a rejection at \"period\"", checkVector(pass.replace(
            "\"expect\": {\"findings\"", "\"expect\": {\"error\": {\"path\": \"period\"}, \"findings\"")))
    }

    companion object {
        private val passed = AtomicInteger()
        private val failed = AtomicInteger()

        /** The runners' closing line (SPEC §5), once the vectors have run. */
        @JvmStatic
        @AfterAll
        fun summary() {
            if (passed.get() + failed.get() > 0) println("conformance: ${passed.get()} passed, ${failed.get()} failed")
        }

        private val vectorKeys = setOf("name", "policy", "dataset", "expect")
        private val expectKeys = setOf("findings", "summary", "error")

        /** Checks one vector given as JSON text: `null` when it passes, else what differed. */
        @Suppress("UNCHECKED_CAST")
        fun checkVector(text: String): String? {
            val vector = Json.parse(text) as? Map<String, Any?> ?: return "not a valid vector: not an object"
            val unknown = vector.keys - vectorKeys + ((vector["expect"] as? Map<String, Any?>)?.keys.orEmpty() - expectKeys)
            if (unknown.isNotEmpty()) return "not a valid vector: unknown field(s) $unknown"
            val raw = Json.rawMembers(text)
            val datasetText = raw["dataset"] ?: return "not a valid vector: no dataset"
            val expect = vector["expect"] as? Map<String, Any?> ?: return "not a valid vector: no expect"
            val wantError = (expect["error"] as? Map<String, Any?>)?.get("path") as String?

            val policy = try {
                if (vector["policy"] == null) Policy.norwalk2016() else Policy.fromJson(raw.getValue("policy"))
            } catch (e: Contact755Exception.InvalidPolicy) {
                // A rejected policy is a rejection at the setting's path (SPEC §3).
                return compareRejection(e.path, wantError)
            }
            val report = policy.use {
                try {
                    val typed = it.audit(datasetText)
                    val text = it.auditJson(datasetText)
                    crossCheck(typed, text)?.let { problem -> return problem }
                    typed
                } catch (e: Contact755Exception.InvalidInput) {
                    return compareRejection(e.path, wantError)
                }
            }
            if (wantError != null) return "accepted, expected a rejection at \"$wantError\""

            val problems = mutableListOf<String>()
            (expect["findings"] as List<Map<String, Any?>>?)?.let { want ->
                val wanted = want.map { "${it["rule"]} ${it["subject"]}" }.toSortedSet()
                val got = report.findings.map { "${it.rule} ${it.subject}" }.toSortedSet()
                (wanted - got).forEach { problems += "missing $it" }
                (got - wanted).forEach { problems += "unexpected $it" }
            }
            (expect["summary"] as Map<String, Any?>?)?.let { want ->
                val got = report.summary.toJsonValue()
                for ((key, value) in want) {
                    when {
                        key !in got -> problems += "summary has no key \"$key\""
                        got[key] != value -> problems += "summary.$key is ${got[key]}, expected $value"
                    }
                }
            }
            return problems.takeIf { it.isNotEmpty() }?.joinToString("; ")
        }

        private fun compareRejection(path: String, want: String?): String? = when {
            want == null -> "rejected at path \"$path\", expected a report"
            pathHasPrefix(path, want) -> null
            else -> "rejected at path \"$path\", expected a path starting with \"$want\""
        }

        /** `audit` and `auditJson` must agree on the policy, every finding and the summary. */
        @Suppress("UNCHECKED_CAST")
        private fun crossCheck(typed: Report, text: String): String? {
            val json = Json.parse(text) as Map<String, Any?>
            if (json["policy"] != typed.policy.toJsonValue()) return "auditJson policy differs from audit's"
            if (json["findings"] != typed.findings.map { it.toJsonValue() }) return "auditJson findings differ from audit's"
            if (json["summary"] != typed.summary.toJsonValue()) return "auditJson summary differs from audit's"
            return null
        }
    }
}
