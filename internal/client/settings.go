package client

// Cluster settings: EXAConf entries keyed "Section.Entry", valued as EXAConf
// text (ConfD: confd_settings.go; EXAoperation refuses them: exaop_settings.go).

// SettingKeys are the entries general_settings may change, as
// "Section.Entry", in the order of the page's list.
var SettingKeys = []string{
	"Global.SSHPort", "Global.XMLRPCPort", "Global.WebUIBackendPort", "Global.WebUIDomain",
	"Global.EnableLoadBalancer", "Global.Networks", "Global.NameServers", "Global.SearchDomains",
	"Global.LicenseRAWMEMWarnThreshold", "Global.Hugepages", "Global.IssueTracker",
	"Global.StorageConnectionThreads", "Global.StorageMaxConnections", "Global.ExaMonitorUserName",
	"Global.ExaMonitorUserPassword",
	"Logging.LogRotationTypes", "Logging.RemoteLogRotationVolume", "Logging.RemoteLogRotationPrefix",
}
