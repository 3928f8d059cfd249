package cluster

import (
	"encoding/json"
	"fmt"
)

// Persisted state (exasol-sim --state-file): the whole State as JSON, so that
// a demo cluster survives a restart of the simulator.
//
// Pending transitions are saved as they are, with their absolute due times,
// and resolved lazily like always: after a restart, whatever fell due while
// the simulator was down has completed (a backup started before the stop is
// listed), as if the cluster had kept running. That keeps loading
// deterministic for a given clock and needs no special cases; Config.Cold on
// load is the way to model a power cycle instead.

// StateFormat is the version of the on-disk format. Adding an exported field
// to the model needs no new version (an older file leaves it zero, an older
// simulator ignores it); renaming or retyping one does.
const StateFormat = 1

// savedState is the on-disk form: State's exported fields as encoding/json
// writes them, plus what State keeps unexported. New fields of the model must
// be exported, or be added here; TestSavedStateCoversModel fails otherwise.
type savedState struct {
	Format       int    `json:"format"`
	State        *State `json:"state"`
	NextVolumeID int    `json:"next_volume_id"`
	NextBackupID int    `json:"next_backup_id"`
}

func marshalState(st *State) ([]byte, error) {
	data, err := json.MarshalIndent(savedState{
		Format: StateFormat, State: st, NextVolumeID: st.nextVolumeID, NextBackupID: st.nextBackupID,
	}, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// MarshalState returns the current state, brought up to now, in the on-disk
// format that Load reads.
func (c *Cluster) MarshalState() ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.advance(c.now())
	return marshalState(c.st)
}

// OnCommit makes fn receive the state in the on-disk format after every
// change that commits, in commit order; nil stops it. fn runs under the
// cluster's lock (that is what keeps the order), so it must be quick and must
// not call back into the cluster. A state that cannot be marshaled is
// reported to fn as an error.
func (c *Cluster) OnCommit(fn func(data []byte, err error)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if fn == nil {
		c.committed = nil
		return
	}
	c.committed = func(st *State) { fn(marshalState(st)) }
}

// Load builds a cluster from what MarshalState wrote. cfg's settings of the
// cluster's behavior count (Timing, Now, ManualStart, …); what it would
// build (nodes, versions, volumes, plugins, names) is the saved state's.
// Cold power-cycles the loaded cluster (see ColdBoot).
func Load(cfg Config, data []byte) (*Cluster, error) {
	var saved savedState
	if err := json.Unmarshal(data, &saved); err != nil {
		return nil, fmt.Errorf("saved cluster state: %w", err)
	}
	if saved.Format != StateFormat {
		return nil, fmt.Errorf("saved cluster state has format %d, this simulator reads format %d", saved.Format, StateFormat)
	}
	st := saved.State
	if err := checkLoaded(st); err != nil {
		return nil, fmt.Errorf("saved cluster state: %w", err)
	}
	st.nextVolumeID, st.nextBackupID = saved.NextVolumeID, saved.NextBackupID
	// Ids are never reused; a hand-edited file must not make them collide.
	for _, v := range st.Volumes {
		st.nextVolumeID = max(st.nextVolumeID, v.ID+1)
	}
	st.nextBackupID = max(st.nextBackupID, 1)
	for _, b := range st.Backups {
		st.nextBackupID = max(st.nextBackupID, b.ID+1)
	}
	// Settings added to the simulator after the file was written get their
	// defaults, so that reading and changing them works.
	if st.Settings == nil {
		st.Settings = map[string]string{}
	}
	for k, v := range DefaultSettings {
		if _, ok := st.Settings[k]; !ok {
			st.Settings[k] = v
		}
	}
	// Keys of older files that are no settings any more (the lower-case
	// names used before the settings followed EXAConf's sections) go.
	for k := range st.Settings {
		if _, ok := DefaultSettings[k]; !ok {
			delete(st.Settings, k)
		}
	}
	// New sets up everything but the state from cfg (clock, timing, front-end
	// behavior such as ManualStart), so that a loaded cluster behaves like a
	// new one; its fresh state is then replaced by the saved one.
	shell := cfg
	shell.Nodes, shell.Versions, shell.Bare, shell.Cold = 1, st.Versions, true, false
	c, err := New(shell)
	if err != nil {
		return nil, err
	}
	c.st = st
	if cfg.Cold {
		coldBoot(c, st, c.now())
	}
	return c, nil
}

// checkLoaded refuses a state the model could not work with.
func checkLoaded(st *State) error {
	switch {
	case st == nil:
		return fmt.Errorf("no state")
	case len(st.Nodes) == 0:
		return fmt.Errorf("no nodes")
	case len(st.Versions) == 0:
		return fmt.Errorf("no database versions")
	case st.Node(st.Master) == nil:
		return fmt.Errorf("master node %d does not exist", st.Master)
	}
	for _, v := range st.Volumes {
		if v.NumMasterNodes > len(v.Nodes) {
			return fmt.Errorf("volume %d has more master nodes than nodes", v.ID)
		}
	}
	for _, d := range st.Databases {
		if d.Config.NumActiveNodes > len(d.Config.Nodes) {
			return fmt.Errorf("database '%s' has more active nodes than nodes", d.Name)
		}
	}
	return nil
}
