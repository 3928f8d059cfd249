package provider

import "regexp"

// settingListItemRE is one item of a comma-separated EXAConf list: the
// provider joins the items with commas, so an item holds none (nor spaces,
// which a read could not tell from separators).
var settingListItemRE = regexp.MustCompile(`^[^,\s]+$`)
