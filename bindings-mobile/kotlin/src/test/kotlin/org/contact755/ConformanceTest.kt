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
 * binding has built, and the project's `tests/conformance` (its `tables/` included).
 *
 * The vector is read and judged by the core ([ConformanceVector]): this suite runs its policy
 * and dataset through the binding's own `Policy.fromJson`, `audit`, `auditJson` and
 * `auditDataset` (a vector of CSV tables through `Mapping.fromJson` and `auditTables`), so the
 * binding is tested end to end, and hands the outcome to the core's judge, whose messages are
 * every runner's. Each vector also checks that the binding's ways of auditing tell the same
 * story.
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
        // A vector of tables reaches auditTables, its files as bytes and its period as START..END.
        val tables = """{"name": "n", "tables": {"period": {"start": "2016-03-01", "end": "2016-03-31"},
            "personnel.csv": "id,role\nS200,sergeant\n", "worksheets.csv": "id,personnel_id,date,assignment\n",
            "entries.csv": "worksheet_id,id,at,activity,clearance_codes\n"},
            "expect": {"findings": [{"rule": "SGT-BRIEFING", "subject": "personnel:S200"}]}}"""
        assertNull(checkVector(tables))
        // Its mapping reaches Mapping.fromJson: a rejected mapping is a rejection at its key.
        val mapped = tables.replace("\"expect\"", "\"mapping\": {\"entries\": {\"delimiter\": \":\"}}, \"expect\"")
        assertEquals("rejected at path \"entries.delimiter\", expected a report", checkVector(mapped))
        // A rejected table is a rejection at its §7.2 path.
        val orphan = tables.replace("clearance_codes\\n\"", "clearance_codes\\nW9,E1,2016-03-01T09:00:00-08:00,obs,755\\n\"")
            .replace(""""findings": [{"rule": "SGT-BRIEFING", "subject": "personnel:S200"}]""", """"error": {"path": "entries.csv:2:worksheet_id"}""")
        assertNull(checkVector(orphan))
        assertEquals("rejected at path \"entries.csv:2:worksheet_id\", expected a report", checkVector(orphan.replace(""""error": {"path": "entries.csv:2:worksheet_id"}""", """"findings": []""")))
        assertTrue(checkVector("""{"name": "n"}""")!!.startsWith("not a valid vector: "))
    }

    companion object {
        /**
         * The vectors of `conformance-next` whose sections this binding has built: SPEC §6
         * (presets, rule settings, code format: 027-030) and §7 (tabular datasets and
         * mappings: 031-033).
         */
        val BUILT_NEXT = listOf("027-", "028-", "029-", "030-", "031-", "032-", "033-")

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
                policy.use { if (v.tablesFiles() != null) judgeTables(v, it) else judgeAudit(v, it) }
            }
        }

        /**
         * Audits the vector's dataset with `audit`, `auditJson` and `auditDataset` and judges
         * the outcome.
         */
        private fun judgeAudit(vector: ConformanceVector, policy: Policy): String? {
            // The judge accepts no vector without a dataset or tables.
            val dataset = vector.datasetJson() ?: return "the vector has neither a dataset nor tables"
            val typed = runCatching { policy.audit(dataset) }
            val text = runCatching { policy.auditJson(dataset) }
            val kept = runCatching { policy.auditDataset(dataset).use { it.toJson() } }
            val errors = listOf(typed, text, kept).map { it.exceptionOrNull() }
            // Anything but a rejection of the input is a failure of the test, not of the vector.
            errors.filterNotNull().firstOrNull { it !is Contact755Exception.InvalidInput }?.let { throw it }
            if (errors.any { it != null }) {
                val (a, b, c) = errors.map { (it as Contact755Exception.InvalidInput?)?.toString() }
                if (a != b || b != c) {
                    return "audit, auditJson and auditDataset disagree: ${a ?: "a report"}, ${b ?: "a report"}, ${c ?: "a report"}"
                }
                return vector.judgeRejection((errors[0] as Contact755Exception.InvalidInput).path)
            }
            val report = text.getOrThrow()
            if (kept.getOrThrow() != report) return "auditDataset(...).toJson() differs from auditJson"
            crossCheck(typed.getOrThrow(), report, policy)?.let { return it }
            return vector.judgeReport(report)
        }

        /**
         * Audits the vector's CSV tables with `auditTables`, through `Mapping.fromJson` when the
         * vector has a mapping, and judges the outcome: a rejected mapping is a rejection at its
         * key's path, a rejected dataset one at its §7.2 path.
         */
        private fun judgeTables(vector: ConformanceVector, policy: Policy): String? {
            val files = vector.tablesFiles() ?: return "the vector has no tables"
            val period = vector.tablesPeriod() ?: return "the vector's tables have no period"
            val mapping = try {
                vector.mappingJson()?.let { Mapping.fromJson(it) }
            } catch (e: Contact755Exception.InvalidMapping) {
                return vector.judgeRejection(e.path)
            }
            try {
                val audit = try {
                    policy.auditTables(files, period, mapping)
                } catch (e: Contact755Exception.InvalidInput) {
                    return vector.judgeRejection(e.path)
                }
                return audit.use { a ->
                    val report = a.toJson()
                    crossCheck(a.report(), report, policy) ?: vector.judgeReport(report)
                }
            } finally {
                mapping?.close()
            }
        }

        /**
         * The typed report and the JSON text must agree: the same findings, the same fingerprint, which is
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
