// Placeholder until BatonHTMLReportTests lands.
