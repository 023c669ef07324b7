//! Data flow across functions and modules, end to end through the CLI: PHI that reaches a sink
//! under a name that says nothing, from a helper of another module.

/// A helper in one module returns a patient record; a route in another module logs what it
/// returns under a name that says nothing. The finding names the helper.
#[test]
fn a_helper_imported_from_another_module_carries_its_return() {
    let dir = crate::support::project(&[
        (
            "app/services/charts.py",
            "def load_chart(request, pk):\n    return Patient.objects.get(pk=pk)\n",
        ),
        (
            "app/routes/views.py",
            "import logging\nfrom ..services.charts import load_chart\n\nlogger = logging.getLogger(__name__)\n\n\ndef chart_view(request, pk):\n    chart = load_chart(request, pk)\n    logger.info(\"loaded %s\", chart)\n",
        ),
        (
            "web/api.ts",
            "export async function fetchRecord(id: string) {\n  return prisma.patient.findUnique({ where: { id } });\n}\nexport async function fetchTheme(id: string) {\n  return settings.findUnique({ where: { id } });\n}\n",
        ),
        (
            "web/page.ts",
            "import { fetchRecord, fetchTheme } from './api';\nexport async function show(id: string) {\n  const data = await fetchRecord(id);\n  console.log(data);\n  const theme = await fetchTheme(id);\n  console.log(theme);\n}\n",
        ),
    ]);
    let (code, out, err) =
        crate::support::run(crate::support::phi_lint(dir.path()).args(["scan", ".", "--isolated"]));
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(
        out.contains("app/routes/views.py:9:") && out.contains("`load_chart()`"),
        "{out}"
    );
    assert!(
        out.contains("web/page.ts:4:") && out.contains("`fetchRecord()`"),
        "{out}"
    );
    assert!(!out.contains("web/page.ts:6:"), "{out}");
}
