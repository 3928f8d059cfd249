package client

import "context"

// The license on EXAoperation (EXAoperation_XMLRPC.md, NodeCluster):
// licenseUpdate takes the license as XML text; getLicenseProperties,
// getLicenseFeatures and getLicenseLimits read its fields. No method
// returns the license itself: DownloadLicense is the capability table's
// refusal (capabilities.go, field LicenseDownload), and a caller compares
// the fields instead.

// licenseReads are the reads LicenseInfo merges, a later one's field over
// an earlier one's of the same name.
var licenseReads = []string{"getLicenseProperties", "getLicenseFeatures", "getLicenseLimits"}

// LicenseInfo merges the three reads into one set of fields, as text. No
// page shows their answers; a dict, a list of [name, value] pairs and a
// list of names (each "true") are all read (sim/exaop/guesses.go).
func (x *EXAoperation) LicenseInfo(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	for _, m := range licenseReads {
		v, err := x.call(ctx, "", m)
		if err != nil {
			return nil, err
		}
		if !licenseFields(v, out) {
			return nil, decodeErr(m, "expected a dict or a list of fields, got %T", v)
		}
	}
	return out, nil
}

// licenseFields adds the fields of one answer to out; false for an answer
// of no known shape.
func licenseFields(v any, out map[string]string) bool {
	if f := asFields(v); f != nil {
		for k, v := range f {
			out[k] = settingText(v)
		}
		return true
	}
	l, ok := v.([]any)
	if !ok {
		return false
	}
	for _, it := range l {
		switch t := it.(type) {
		case []any:
			if len(t) != 2 {
				return false
			}
			out[asString(t[0])] = settingText(t[1])
		case map[string]any:
			licenseFields(t, out)
		case string:
			out[t] = "true"
		default:
			return false
		}
	}
	return true
}

// UploadLicense sends the license (licenseUpdate's license_data: "license
// data as xml-formatted string").
func (x *EXAoperation) UploadLicense(ctx context.Context, contents string) error {
	_, err := x.change(ctx, nil, "", "licenseUpdate", contents)
	return err
}

// DownloadLicense: EXAoperation has no method that returns the license.
func (x *EXAoperation) DownloadLicense(context.Context) (string, error) {
	return "", x.refuse(ObjectLicense, LicenseDownload)
}
