terraform {
  required_providers {
    exasol = {
      source = "exacluster/exasol"
    }
  }
}

# The provider reads its connection settings from the EXASOL_* variables that
# `make demo` exports from the simulator (exasol-sim --env-file).
provider "exasol" {}
