package cluster

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// The license as both faces read it: ConfD's license_upload takes any text
// (its page: "the entire contents of the license file"), EXAoperation's
// licenseUpdate XML ("license data as xml-formatted string"). The fields
// the faces report (ConfD license_info; EXAoperation getLicenseProperties,
// getLicenseFeatures, getLicenseLimits) are read from an XML license's
// leaves over their defaults (guesses: exaop/guesses.go, confd/guesses.go).

// LicenseFeatures is the element whose leaves are the license's features.
const LicenseFeatures = "features"

// LicenseLeaves reads a license's leaf elements: local name → text, and
// whether a leaf sits inside a <features> element (as "features/<name>").
// A text that is not one well-formed XML element is refused.
func LicenseLeaves(data string) (map[string]string, error) {
	d := xml.NewDecoder(strings.NewReader(data))
	out := map[string]string{}
	var path []string
	var text strings.Builder
	leaf, roots := false, 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(path) == 0 {
				roots++
			}
			path = append(path, t.Name.Local)
			text.Reset()
			leaf = true
		case xml.CharData:
			if len(path) == 0 && strings.TrimSpace(string(t)) != "" {
				return nil, errors.New("text outside the root element")
			}
			text.Write(t)
		case xml.EndElement:
			name := path[len(path)-1]
			path = path[:len(path)-1]
			if leaf && len(path) > 0 {
				if path[len(path)-1] == LicenseFeatures {
					name = LicenseFeatures + "/" + name
				}
				out[name] = strings.TrimSpace(text.String())
			}
			leaf = false
		}
	}
	if roots != 1 {
		return nil, errors.New("expected exactly one root element")
	}
	return out, nil
}
