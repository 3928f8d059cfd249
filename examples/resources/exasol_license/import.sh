# The license is imported by the id "license".
terraform import exasol_license.cluster license
