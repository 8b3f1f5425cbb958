"""One-door intake (一门受理、主动发现): reported difficulties become draft needs or tracked referrals."""
