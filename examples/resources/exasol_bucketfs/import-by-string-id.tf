# The preinstalled service, managed from now on.
import {
  to = exasol_bucketfs.default
  id = "bfsdefault"
}
