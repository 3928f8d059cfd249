package exaop

import (
	"strconv"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// Methods Exasol's example scripts call (github.com/exasol/exaoperation-xmlrpc,
// tools-and-examples/) and the methodHelp dump of a 6.x cluster lists
// (tools-and-examples/xmlrpc-help/example.md): the "DUPLICATE OF"
// convenience methods and the ones the method reference names without
// their answers.

func init() {
	register(kindCluster, map[string]*method{
		// example.md: "Return a list of all logservices"; help.py reads
		// getAllLogServices()[0]['name']. guess: the rest of each entry is
		// the logservice's properties.
		"getAllLogServices": {help: "Return a list of all logservices.\n\nUsage: cluster.getAllLogServices()",
			run: func(x *call) (any, error) {
				e := logProperties(x)
				e["name"] = LogServiceObject
				return []any{e}, nil
			}},
		// EXAoperation_XMLRPC.md: "Shutdown license server." stop.py passes
		// the license server's name (haltLicenseServer(exaOpHost)); guess: the
		// argument is optional and must name the license server.
		"haltLicenseServer": {sig: "[node:str]", change: true, help: "Shutdown license server.",
			run: func(x *call) (any, error) {
				if len(x.args) > 0 && x.str(0) != NodeName(LicenseServerID) {
					return nil, usage("haltLicenseServer: %s is not the license server (%s)", x.str(0), NodeName(LicenseServerID))
				}
				x.s.down.Store(true)
				return done, nil
			}},
		// example.md: "Usage: cluster.getHardwareInformation('n0011', 1)";
		// node: "Name of the node or the node number"; infotype: "Optional,
		// default is 1, table number to dump".
		"getHardwareInformation": {sig: "node:any [infotype:int]",
			help: "Return nodes dump of DMI table in human-readable format.\n\nUsage: `cluster.getHardwareInformation('n0011', 1)",
			run: func(x *call) (any, error) {
				name, err := x.nodeArg(x.args[0])
				if err != nil {
					return nil, err
				}
				if len(x.args) > 1 && (x.int(1) < 0 || x.int(1) > 42) {
					return nil, usage("getHardwareInformation: infotype %d is no DMI table type", x.int(1))
				}
				id, err := x.nodeID(name, true)
				if err != nil {
					return nil, err
				}
				n := x.st.Node(id)
				return hardwareInfo(name, n, id == LicenseServerID || n.State == cluster.NodeOnline), nil
			}},
	})
	register(kindDatabase, map[string]*method{
		// example.md: "Return a dictionary with 3 keys: 'active', 'failed'
		// and 'reserve'" (download_backupset3.py adds active and reserve)
		"getDatabaseNodes": {help: "Return a dictionary with 3 keys: 'active', 'failed' and 'reserve'.",
			run: func(x *call) (any, error) { return dbInfo(x.st, x.st.Database(x.obj.db))["nodes"], nil }},
		// README.md: "In version 6.1.x, the return value is [[backup_id,
		// archive_volume_id]]"; example.md: deprecated, use getBackups.
		// guess: the id is the backup's number, the volume its id ('v0002',
		// 'r0001'), this database's backups only.
		"getBackupList": {help: "Return a list of backups for the current system\n\nThis function is deprecated, please use: `getBackups`",
			run: func(x *call) (any, error) {
				out := []any{}
				for _, b := range x.st.Backups {
					if b.System == x.obj.db {
						out = append(out, []any{b.ID, archiveName(x.st, b.VolumeID)})
					}
				}
				return out, nil
			}},
		// example.md: changeBackupExpiration(volume, backup_files,
		// expire_time), volume the "Volume ID": virtual-backup-db.py passes
		// it as a number (v0002 → 2, r0001 → 10001); its name is taken too.
		"changeBackupExpiration": {sig: "volume:any backup_files:str expire_time:int", change: true,
			help: "Change expiration time of a backup.\n\nUsage: `database.changeBackupExpiration(volume, backup_files, expire_time)`",
			run: func(x *call) (any, error) {
				var r cluster.Ref
				switch v := x.args[0].(type) {
				case int64:
					r = cluster.ByID(int(v))
				case string:
					var err error
					if n, aerr := strconv.Atoi(v); aerr == nil {
						r = cluster.ByID(n)
					} else if r, err = x.archiveRef(v); err != nil {
						return nil, err
					}
				default:
					return nil, usage("changeBackupExpiration: volume must be a volume id")
				}
				var at time.Time
				if x.int(2) > 0 {
					at = time.Unix(int64(x.int(2)), 0)
				}
				return done, x.s.c.SetBackupExpiry(r, x.str(1), at)
			}},
	})
}

// nodeArg reads a node given by name ('n0011') or number (11, '11').
func (x *call) nodeArg(v any) (string, error) {
	switch n := v.(type) {
	case int64:
		return NodeName(int(n)), nil
	case string:
		if id, err := strconv.Atoi(n); err == nil {
			return NodeName(id), nil
		}
		return n, nil
	}
	return "", usage("a node is its name or its number")
}
