import {
  to = exasol_bucket.default
  id = "bfsdefault/default"
}
