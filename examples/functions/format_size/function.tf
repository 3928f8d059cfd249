# Exasol notation of a computed size: half of a 10 GiB volume.
output "half_of_the_volume" {
  value = provider::exasol::format_size(provider::exasol::parse_size("10 GiB") / 2) # "5 GiB"
}
