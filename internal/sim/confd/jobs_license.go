package confd

// license_upload and license_download (overview:
// https://docs.exasol.com/db/latest/confd/overview_license_jobs.htm).
// license_info is served in jobs_node.go. guess (guesses.go): what an
// uploaded license changes.
func init() {
	register(
		&job{name: "license_upload", desc: "Upload a new license to the cluster.", page: docPage("license_upload"), commits: true,
			mandatory: "license:str",
			run:       func(x *execution) (any, error) { return noOutput, x.c.SetLicense(x.p.str("license")) }},
		&job{name: "license_download", desc: "Return the contents of the license file as a string.", page: docPage("license_download"),
			run: func(x *execution) (any, error) {
				if l := x.c.Snapshot().License; l != "" {
					return l, nil
				}
				return licenseFile, nil
			}},
	)
	readJobs["license_download"] = true
}
