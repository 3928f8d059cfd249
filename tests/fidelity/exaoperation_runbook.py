#!/usr/bin/env python3
"""Fidelity test of the simulator's EXAoperation face.

Follows Exasol's runbook for starting a cluster whose nodes are powered off
and for shutting it down again (../../../shared/seeds/
exaoperation-cluster-start-stop.txt in the project's shared notes), call for
call, with nothing but Python's standard library, the way an operator's
script talks to EXAoperation:

  startup:  license server answers getNodeList -> startupNode every node and
            wait until getHardwareInformation shows dmidecode (the boot
            messages are in the logservice) -> startEXAStorage and wait until
            every getServiceState row is OK -> startDatabase every database
            and wait until getDatabaseConnectionState is 'Yes' -> plugin
            services (callPlugin STOP/START on the license server, STATUS and
            START where needed on every node)
  shutdown: EXAoperation runs on the license server -> stop every running,
            idle database and wait for 'setup' -> stopEXAStorage (Storaged
            'not running') -> shutdownNode every node -> the license server
            last, after which EXAoperation answers no more.

Exit status 0 when the cluster behaved as the runbook expects at every step,
1 otherwise (the deviation is printed).

    python3 exaoperation_runbook.py --url https://admin:exasol@127.0.0.1:PORT/cluster1 --cafile ca.pem
"""

import argparse
import ssl
import sys
import time
from xmlrpc.client import ProtocolError, ServerProxy

LICENSE_SERVERS = ['n0010']


class Deviation(Exception):
    """The cluster did not do what the runbook expects."""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--url', required=True, help='https://user:password@license-server/cluster1')
    ap.add_argument('--cafile', required=True, help="the cluster's CA certificate (PEM); certificates are checked")
    ap.add_argument('--plugin', default='Administration.vmware-tools')
    ap.add_argument('--timeout', type=float, default=60, help='seconds to wait for each step')
    args = ap.parse_args()
    context = ssl.create_default_context(cafile=args.cafile)
    cluster_url = args.url.rstrip('/')

    def proxy(path=''):
        return ServerProxy(cluster_url + path, context=context)

    def wait(what, cond):
        """Polls cond until it holds; a test client, so a short fixed pause."""
        deadline = time.monotonic() + args.timeout
        while not cond():
            if time.monotonic() > deadline:
                raise Deviation('timed out after %gs waiting for %s' % (args.timeout, what))
            time.sleep(0.05)

    try:
        startup(proxy, wait, args.plugin)
        shutdown(proxy, wait)
    except Deviation as e:
        print('DEVIATION: %s' % e, file=sys.stderr)
        return 1
    except Exception as e:  # a fault or a broken connection is a deviation too
        print('DEVIATION: unexpected %s: %s' % (type(e).__name__, e), file=sys.stderr)
        return 1
    print('runbook completed')
    return 0


def startup(proxy, wait, plugin):
    # 1. the license server is up when EXAoperation answers getNodeList
    def answers():
        try:
            return bool(proxy().getNodeList())
        except (OSError, ProtocolError):
            return False
    wait('EXAoperation to answer getNodeList', answers)
    cluster = proxy()

    # 2. start the database nodes and wait until each one is online
    for node in cluster.getNodeList():
        cluster.startupNode(node)
    for node in cluster.getNodeList():
        wait('node %s to be online' % node, lambda: 'dmidecode' in cluster.getHardwareInformation(node))
        print('node %s is online' % node)
    logservice = proxy('/logservice1')
    entries = logservice.logEntries()[2]
    for node in cluster.getNodeList():
        if not any(e['node'] == node and 'Boot process finished after' in e['message'] for e in entries):
            raise Deviation('the logservice has no boot message of node %s: %r' % (node, entries))

    # 3. start EXAStorage and wait until every service is OK
    storage = proxy('/storage')
    result = storage.startEXAStorage()
    if result != 'OK':
        raise Deviation('startEXAStorage returned %r, not OK' % (result,))
    wait('every service to be OK', lambda: all(state == 'OK' for _, state in cluster.getServiceState()))
    print(cluster.getServiceState())

    # 4. start the databases
    for db in cluster.getDatabaseList():
        instance = proxy('/db_%s' % db)
        instance.startDatabase()
        wait('database %s to accept connections' % db, lambda: 'Yes' == instance.getDatabaseConnectionState())
        print('database %s is accepting connections at %s' % (db, instance.getDatabaseConnectionString()))

    # 5. plugin services: restart on the license server, start where needed
    for ls in LICENSE_SERVERS:
        cluster.callPlugin(plugin, ls, 'STOP')
        cluster.callPlugin(plugin, ls, 'START')
    for node in cluster.getNodeList():
        status = cluster.callPlugin(plugin, node, 'STATUS')
        if len(status) != 2 or not isinstance(status[1], str):
            raise Deviation('callPlugin STATUS returned %r, not (code, output)' % (status,))
        if 'vmtoolsd is running' not in status[1]:
            cluster.callPlugin(plugin, node, 'START')


def shutdown(proxy, wait):
    cluster = proxy()
    storage = proxy('/storage')

    # EXAoperation must run on the license server
    master = cluster.getEXAoperationMaster()
    if master != LICENSE_SERVERS[0]:
        raise Deviation('node %s is the current EXAoperation master but it should be %s' % (master, LICENSE_SERVERS[0]))

    # 1. stop every running database that is idle
    for db in cluster.getDatabaseList():
        instance = proxy('/db_%s' % db)
        state = instance.getDatabaseState()
        if state != 'running':
            raise Deviation('database %s is in runtime state %s, not running' % (db, state))
        operation = instance.getDatabaseOperation()
        if operation != 'None':
            raise Deviation('database %s is in operation %s' % (db, operation))
        instance.stopDatabase()
        wait('database %s to stop' % db, lambda: 'setup' == instance.getDatabaseState())
        print('database %s stopped' % db)

    # 2. stop EXAStorage
    storage.stopEXAStorage()
    states = dict(cluster.getServiceState())
    if states.get('Storaged') != 'not running':
        raise Deviation('Storaged is %r after stopEXAStorage, not "not running": %r' % (states.get('Storaged'), states))

    # 3. the nodes, then the license server(s)
    for node in cluster.getNodeList():
        cluster.shutdownNode(node)
    for ls in LICENSE_SERVERS:
        cluster.shutdownNode(ls)

    # EXAoperation is gone with the license server
    try:
        proxy().getNodeList()
    except (OSError, ProtocolError):
        print('EXAoperation is down')
        return
    raise Deviation('EXAoperation still answers after the license server was shut down')


if __name__ == '__main__':
    sys.exit(main())
