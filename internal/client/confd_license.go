package client

import (
	"context"
	"fmt"
)

// LicenseInfo reads the license's fields with license_info
// (https://docs.exasol.com/db/latest/confd/jobs/license_info.htm, "returns
// the fields of the license"; no page shows them): every field, as text.
func (c *ConfD) LicenseInfo(ctx context.Context) (map[string]string, error) {
	r, err := c.exec(ctx, "license_info", nil)
	if err != nil {
		return nil, err
	}
	f := asFields(r.Output)
	if f == nil {
		return nil, &Error{Kind: KindDecode, Job: "license_info", Message: fmt.Sprintf("expected a dict of fields, got %T", r.Output)}
	}
	out := map[string]string{}
	for k, v := range f {
		out[k] = settingText(v)
	}
	return out, nil
}

// UploadLicense runs license_upload
// (https://docs.exasol.com/db/latest/confd/jobs/license_upload.htm).
func (c *ConfD) UploadLicense(ctx context.Context, contents string) error {
	_, err := c.exec(ctx, "license_upload", Params{"license": contents})
	return err
}

// DownloadLicense returns the license file's contents (license_download,
// https://docs.exasol.com/db/latest/confd/jobs/license_download.htm).
func (c *ConfD) DownloadLicense(ctx context.Context) (string, error) {
	r, err := c.exec(ctx, "license_download", nil)
	if err != nil {
		return "", err
	}
	return asString(r.Output), nil
}
