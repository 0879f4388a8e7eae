package org.contact755

import java.io.File
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/**
 * Datasets as CSV tables (SPEC §7) through the binding: `policy.auditTables(files, period,
 * mapping)` and `Mapping.fromToml/fromJson`. The files are read from disk here, by the test:
 * the binding takes bytes by name and reads no file itself.
 */
class TablesTest {
    private val data = File(Paths.repo, "examples/data")
    private val canonical = File(data, "sample-month-csv")
    private val cadExport = File(data, "cad-export")

    /** Every file of [dir] by name; a file no table reads (`mapping.toml`) is ignored by the core. */
    private fun files(dir: File): Map<String, ByteArray> {
        val found = dir.listFiles()?.filter { it.isFile }.orEmpty()
        assertTrue(found.isNotEmpty(), "no file in $dir")
        return found.associate { it.name to it.readBytes() }
    }

    private fun cadMapping(): Mapping = Mapping.fromToml(File(cadExport, "mapping.toml").readText())

    @Test
    fun `the sample month as canonical tables gives the JSON sample's report byte for byte`() {
        Policy.norwalk2016().use { policy ->
            val json = policy.auditJson(Paths.sampleMonth.readText())
            policy.auditTables(files(canonical), "2016-03").use { audit ->
                assertEquals(json, audit.toJson())
                assertEquals(policy.audit(Paths.sampleMonth.readText()), audit.report())
                // The render-only parts (period, weekly series, roles) agree too.
                policy.auditDataset(Paths.sampleMonth.readText()).use { fromJson ->
                    assertEquals(fromJson.toText(), audit.toText())
                    assertEquals(fromJson.toHtml(), audit.toHtml())
                }
            }
            // The period written out in full, and an explicit null mapping: the same report.
            policy.auditTables(files(canonical), "2016-03-01..2016-03-31", null).use { assertEquals(json, it.toJson()) }
        }
    }

    @Test
    fun `the CAD export through its mapping gives the JSON sample's report byte for byte`() {
        Policy.norwalk2016().use { policy ->
            val json = policy.auditJson(Paths.sampleMonth.readText())
            cadMapping().use { mapping ->
                assertEquals(listOf("ROSTER.CSV", "DDWS.CSV", "MDC_EXPORT.CSV", "BRIEFINGS.CSV", "CAR_CHECKS.CSV"), mapping.fileNames())
                policy.auditTables(files(cadExport), "2016-03", mapping).use { assertEquals(json, it.toJson()) }
            }
            // The same mapping read from JSON.
            val asJson = """{"personnel": {"file": "ROSTER.CSV"}}"""
            Mapping.fromJson(asJson).use { assertEquals("ROSTER.CSV", it.fileNames().first()) }
        }
    }

    @Test
    fun `a mapped dataset's rejection names the export's own file, line and header`() {
        val exported = files(cadExport).toMutableMap()
        val mdc = String(exported.getValue("MDC_EXPORT.CSV"), Charsets.UTF_8)
        val firstRow = mdc.lines()[1]
        assertTrue(firstRow.contains(";03/01/2016;08:01:00;"), firstRow)
        exported["MDC_EXPORT.CSV"] = mdc.replaceFirst(";03/01/2016;08:01:00;", ";13/01/2016;08:01:00;").toByteArray()
        Policy.norwalk2016().use { policy ->
            cadMapping().use { mapping ->
                val e = assertThrows<Contact755Exception.InvalidInput> { policy.auditTables(exported, "2016-03", mapping) }
                assertEquals("MDC_EXPORT.CSV:2:Clear Date", e.path)
                assertEquals(InputErrorKind.INVALID_VALUE, e.kind)
            }
        }
    }

    @Test
    fun `a bad mapping is InvalidMapping at its key path`() {
        fun rejected(toml: String) = assertThrows<Contact755Exception.InvalidMapping> { Mapping.fromToml(toml) }
        val zone = rejected("[entries.timestamps]\nformat = \"%m/%d/%Y %H:%M\"\ntime_zone = \"Mars/Olympus\"\n")
        assertEquals("entries.timestamps.time_zone", zone.path)
        assertNull(zone.line)
        assertTrue(zone.toString().startsWith("mapping entries.timestamps.time_zone: "), zone.toString())
        assertEquals("entries.timestamps.format", rejected("[entries.timestamps]\ntime_zone = \"America/Los_Angeles\"\n").path)
        assertEquals("entries.delimiter", rejected("[entries]\ndelimiter = \":\"\n").path)
        val unknown = rejected("[personnel.timestamps]\nformat = \"%Y\"\n")
        assertEquals("personnel.timestamps", unknown.path)
        assertEquals(InputErrorKind.UNKNOWN_FIELD, unknown.kind)
        assertEquals("worksheets.dates.format", rejected("[worksheets.dates]\nformat = \"%y-%m-%d\"\n").path)
        val syntax = rejected("[entries\n")
        assertEquals(InputErrorKind.SYNTAX, syntax.kind)
        assertEquals("", syntax.path)
        assertNotNull(syntax.line)
        val json = assertThrows<Contact755Exception.InvalidMapping> { Mapping.fromJson("""{"personnel": {"timestamps": {}}}""") }
        assertEquals("personnel.timestamps", json.path)
        // Catchable as the common base class, like every rejection.
        assertTrue(runCatching { Mapping.fromJson("[]") }.exceptionOrNull() is Contact755Exception)
    }

    @Test
    fun `bytes that are not UTF-8 reject the dataset at their record`() {
        val tables = files(canonical).toMutableMap()
        val header = "id,role\n".toByteArray()
        val bad = header + "D100,deputy\n".toByteArray() + byteArrayOf('D'.code.toByte(), 0xFF.toByte(), ','.code.toByte()) + "deputy\n".toByteArray()
        tables["personnel.csv"] = bad
        Policy.norwalk2016().use { policy ->
            val e = assertThrows<Contact755Exception.InvalidInput> { policy.auditTables(tables, "2016-03") }
            assertEquals("personnel.csv:3", e.path)
            assertEquals(3uL, e.line)
            assertEquals(InputErrorKind.SYNTAX, e.kind)
        }
    }

    @Test
    fun `the period and the files are checked with their paths`() {
        val tables = files(canonical)
        Policy.norwalk2016().use { policy ->
            for (period in listOf("March 2016", "2016-13", "2016-03-31..2016-03-01", "")) {
                val e = assertThrows<Contact755Exception.InvalidInput>(period) { policy.auditTables(tables, period) }
                assertEquals("period", e.path, period)
            }
            // A required file that is missing is named alone; an optional one means no records.
            assertEquals("personnel.csv", assertThrows<Contact755Exception.InvalidInput> { policy.auditTables(tables - "personnel.csv", "2016-03") }.path)
            policy.auditTables(tables - "briefings.csv", "2016-03").use { audit ->
                assertTrue(audit.report().findings.any { it.rule == "SGT-BRIEFING" })
            }
            // One day of the month.
            policy.auditTables(tables, "2016-03-17").use { audit ->
                assertTrue(audit.report().summary.worksheetsAudited in 1uL..30uL, "${audit.report().summary.worksheetsAudited}")
            }
            val cell = tables + ("entries.csv" to "worksheet_id,id,at,activity,clearance_codes\nDDW-160301-001,E1,noon,obs,755\n".toByteArray())
            assertEquals("entries.csv:2:at", assertThrows<Contact755Exception.InvalidInput> { policy.auditTables(cell, "2016-03") }.path)
        }
    }

    @Test
    fun `a 10 MB cell, a million-column header and a mapping naming a missing column are errors at their paths`() {
        val tables = files(canonical)
        Policy.norwalk2016().use { policy ->
            val bigCell = tables + ("personnel.csv" to ("id,role\n" + "D".repeat(10 * 1024 * 1024) + ",deputy\n").toByteArray())
            val cell = assertThrows<Contact755Exception.InvalidInput> { policy.auditTables(bigCell, "2016-03") }
            assertEquals("personnel.csv:2:id", cell.path)
            assertTrue(cell.detail.length < 500, "the message does not quote the 10 MB cell")
            val wide = (0 until 1_000_000).joinToString(",") { "c$it" } + "\n"
            val header = assertThrows<Contact755Exception.InvalidInput> {
                policy.auditTables(tables + ("briefings.csv" to wide.toByteArray()), "2016-03")
            }
            assertTrue(header.path.startsWith("briefings.csv:1:"), header.path)
            Mapping.fromToml("[personnel.columns]\nrole = \"Rank\"\n").use { mapping ->
                val missing = assertThrows<Contact755Exception.InvalidInput> { policy.auditTables(tables, "2016-03", mapping) }
                assertEquals("personnel.csv:1:Rank", missing.path)
            }
        }
    }
}
