package sim

// EXAoperationUser is an EXAoperation user's title and password as the
// simulator holds them (ok is false without the EXAoperation face or the
// user), for tests: no EXAoperation method shows a password.
func (s *Server) EXAoperationUser(login string) (title, password string, ok bool) {
	if s.exaop == nil {
		return "", "", false
	}
	return s.exaop.User(login)
}
