package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"c2isurvey/ingest"
)

// The portal's records (issue 9): accounts, sessions, the audit log, failed
// logins and uploads. The store keeps what it is given: passwords arrive
// already hashed (Argon2id, by the portal) and sessions by the SHA-256 of
// their token, so that a copy of the store gives no way in.

// Roles of an account.
const (
	RoleAdmin       = "admin"
	RoleStaff       = "staff"
	RoleInstitution = "institution"
)

// ErrNotFound is returned when the account, session or upload asked for
// does not exist (or, for a session, has ended or expired).
var ErrNotFound = errors.New("not found")

// User is an account of the portal.
type User struct {
	ID       int64
	Email    string
	Role     string
	UAI      string // an institution account's UAI
	Disabled bool
	Created  time.Time
}

// AddUser creates an account. email is kept in lower case; hash is the
// password's Argon2id PHC string.
func (s *Store) AddUser(ctx context.Context, u User, hash string) (User, error) {
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	switch u.Role {
	case RoleAdmin, RoleStaff, RoleInstitution:
	default:
		return User{}, fmt.Errorf("add user %s: unknown role %q", u.Email, u.Role)
	}
	rs, err := s.db.ExecContext(ctx, `INSERT INTO users (email, role, uai, password, created) VALUES (?, ?, ?, ?, ?)`,
		u.Email, u.Role, u.UAI, hash, fmtTime(u.Created))
	if err != nil {
		return User{}, fmt.Errorf("add user %s: %w", u.Email, err)
	}
	u.ID, err = rs.LastInsertId()
	if err != nil {
		return User{}, fmt.Errorf("add user %s: %w", u.Email, err)
	}
	return u, nil
}

const userCols = `id, email, role, uai, disabled, created`

func scanUser(row interface{ Scan(...any) error }, extra ...any) (User, error) {
	var u User
	var created string
	if err := row.Scan(append([]any{&u.ID, &u.Email, &u.Role, &u.UAI, &u.Disabled, &created}, extra...)...); err != nil {
		return User{}, err
	}
	u.Created = parseTime(created)
	return u, nil
}

// UserByEmail returns an account and its password hash (ErrNotFound if none).
func (s *Store) UserByEmail(ctx context.Context, email string) (User, string, error) {
	var hash string
	u, err := scanUser(s.db.QueryRowContext(ctx, `SELECT `+userCols+`, password FROM users WHERE email = ?`,
		strings.ToLower(strings.TrimSpace(email))), &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, "", ErrNotFound
	}
	if err != nil {
		return User{}, "", fmt.Errorf("read user: %w", err)
	}
	return u, hash, nil
}

// Users lists every account, by e-mail.
func (s *Store) Users(ctx context.Context) ([]User, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+userCols+` FROM users ORDER BY email`)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("list users: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// SetDisabled disables (or enables) an account; disabling ends its sessions.
func (s *Store) SetDisabled(ctx context.Context, email string, disabled bool, now time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		rs, err := tx.ExecContext(ctx, `UPDATE users SET disabled = ? WHERE email = ?`, disabled, strings.ToLower(email))
		if err != nil {
			return fmt.Errorf("disable user %s: %w", email, err)
		}
		if n, _ := rs.RowsAffected(); n != 1 {
			return fmt.Errorf("user %s: %w", email, ErrNotFound)
		}
		if !disabled {
			return nil
		}
		return endSessionsOf(ctx, tx, email, now)
	})
}

// SetPassword replaces an account's password hash and ends its sessions: a
// password changed because it leaked must shut out whoever used it.
func (s *Store) SetPassword(ctx context.Context, email, hash string, now time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		rs, err := tx.ExecContext(ctx, `UPDATE users SET password = ? WHERE email = ?`, hash, strings.ToLower(email))
		if err != nil {
			return fmt.Errorf("set password of %s: %w", email, err)
		}
		if n, _ := rs.RowsAffected(); n != 1 {
			return fmt.Errorf("user %s: %w", email, ErrNotFound)
		}
		return endSessionsOf(ctx, tx, email, now)
	})
}

func endSessionsOf(ctx context.Context, tx *sql.Tx, email string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE sessions SET ended = ? WHERE ended IS NULL
		AND user_id = (SELECT id FROM users WHERE email = ?)`, fmtTime(now), strings.ToLower(email))
	if err != nil {
		return fmt.Errorf("end sessions of %s: %w", email, err)
	}
	return nil
}

// CreateSession records a session by the SHA-256 of its token (hex).
func (s *Store) CreateSession(ctx context.Context, tokenSHA string, userID int64, created, expires time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_sha256, user_id, created, expires) VALUES (?, ?, ?, ?)`,
			tokenSHA, userID, fmtTime(created), fmtTime(expires)); err != nil {
			return fmt.Errorf("create session: %w", err)
		}
		// Sessions over for a month are forgotten: the audit log keeps the
		// logins; the table stays small.
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires < ? OR ended < ?`,
			fmtTime(created.AddDate(0, -1, 0)), fmtTime(created.AddDate(0, -1, 0)))
		return err
	})
}

// SessionUser returns the account of a live session: not ended, not
// expired at now, its account not disabled; ErrNotFound otherwise.
func (s *Store) SessionUser(ctx context.Context, tokenSHA string, now time.Time) (User, error) {
	u, err := scanUser(s.db.QueryRowContext(ctx, `SELECT u.id, u.email, u.role, u.uai, u.disabled, u.created
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.token_sha256 = ? AND s.ended IS NULL AND s.expires > ? AND u.disabled = 0`, tokenSHA, fmtTime(now)))
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, ErrNotFound
	}
	if err != nil {
		return User{}, fmt.Errorf("read session: %w", err)
	}
	return u, nil
}

// EndSession ends a session (logout): its token no longer opens anything.
func (s *Store) EndSession(ctx context.Context, tokenSHA string, now time.Time) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE sessions SET ended = ? WHERE token_sha256 = ? AND ended IS NULL`,
		fmtTime(now), tokenSHA); err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	return nil
}

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	ID      int64
	At      time.Time
	Actor   string // the account's e-mail (for a failed login, what was typed)
	Address string // the client's address
	Action  string // login.ok, login.failed, login.throttled, logout, upload, run.start, edition.publish, user.add, user.disable, user.enable, user.passwd
	Detail  string
}

// Audit appends an entry to the audit log.
func (s *Store) Audit(ctx context.Context, e AuditEntry) error {
	if _, err := s.db.ExecContext(ctx, `INSERT INTO audit (at, actor, address, action, detail) VALUES (?, ?, ?, ?, ?)`,
		fmtTime(e.At), e.Actor, e.Address, e.Action, e.Detail); err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	return nil
}

// AuditLog returns the latest entries, newest first; limit <= 0 means all.
func (s *Store) AuditLog(ctx context.Context, limit int) ([]AuditEntry, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, at, actor, address, action, detail FROM audit ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Address, &e.Action, &e.Detail); err != nil {
			return nil, fmt.Errorf("read audit log: %w", err)
		}
		e.At = parseTime(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// RecordLoginFailure notes a failed login under each key (the account, the
// address).
func (s *Store) RecordLoginFailure(ctx context.Context, at time.Time, keys ...string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, `INSERT INTO login_failures (key, at) VALUES (?, ?)`, k, fmtTime(at)); err != nil {
				return fmt.Errorf("record login failure: %w", err)
			}
		}
		// Failures older than a day count for nothing: keep the table small.
		_, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE at < ?`, fmtTime(at.Add(-24*time.Hour)))
		return err
	})
}

// LoginFailures returns how many failures key has since since, and the
// time of the latest.
func (s *Store) LoginFailures(ctx context.Context, key string, since time.Time) (int, time.Time, error) {
	var n int
	var last sql.NullString
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*), MAX(at) FROM login_failures WHERE key = ? AND at >= ?`,
		key, fmtTime(since)).Scan(&n, &last); err != nil {
		return 0, time.Time{}, fmt.Errorf("read login failures: %w", err)
	}
	return n, parseTime(last.String), nil
}

// ClearLoginFailures forgets the failures of key (after a good login).
func (s *Store) ClearLoginFailures(ctx context.Context, key string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM login_failures WHERE key = ?`, key); err != nil {
		return fmt.Errorf("clear login failures: %w", err)
	}
	return nil
}

// Upload is a file sent through the portal, judged at once.
type Upload struct {
	ID       int64
	At       time.Time
	UserID   int64
	Email    string // the sender's (read only)
	UAI      string // the institution it was sent for; "" for a consolidated table sent by staff
	Name     string
	SHA256   string
	Size     int64
	Status   string // accepted | rejected
	KeptAs   string // a refused file's bytes, relative to the data folder; "" once pruned
	Refusals []ingest.Problem
	Warnings []ingest.Problem
}

type uploadProblems struct {
	Refusals []ingest.Problem `json:"refusals,omitempty"`
	Warnings []ingest.Problem `json:"warnings,omitempty"`
}

// AddUpload records an upload and returns it with its id.
func (s *Store) AddUpload(ctx context.Context, u Upload) (Upload, error) {
	probs, err := json.Marshal(uploadProblems{u.Refusals, u.Warnings})
	if err != nil {
		return Upload{}, fmt.Errorf("record upload: %w", err)
	}
	rs, err := s.db.ExecContext(ctx, `INSERT INTO uploads (at, user_id, uai, name, sha256, size, status, kept_as, problems)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, fmtTime(u.At), u.UserID, u.UAI, u.Name, u.SHA256, u.Size, u.Status, u.KeptAs, string(probs))
	if err != nil {
		return Upload{}, fmt.Errorf("record upload: %w", err)
	}
	u.ID, err = rs.LastInsertId()
	if err != nil {
		return Upload{}, fmt.Errorf("record upload: %w", err)
	}
	return u, nil
}

// ForgetKept marks an upload's kept bytes as pruned.
func (s *Store) ForgetKept(ctx context.Context, id int64) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE uploads SET kept_as = '' WHERE id = ?`, id); err != nil {
		return fmt.Errorf("forget kept upload %d: %w", id, err)
	}
	return nil
}

// Uploads lists uploads, newest first: all (uai "" and all true), or
// those sent for one institution.
func (s *Store) Uploads(ctx context.Context, uai string, all bool, limit int) ([]Upload, error) {
	if limit <= 0 {
		limit = -1
	}
	q := `SELECT p.id, p.at, p.user_id, COALESCE(u.email, ''), p.uai, p.name, p.sha256, p.size, p.status, p.kept_as, p.problems
		FROM uploads p LEFT JOIN users u ON u.id = p.user_id`
	args := []any{}
	if !all {
		q += ` WHERE p.uai = ?`
		args = append(args, uai)
	}
	q += ` ORDER BY p.id DESC LIMIT ?`
	rows, err := s.db.QueryContext(ctx, q, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("list uploads: %w", err)
	}
	defer rows.Close()
	var out []Upload
	for rows.Next() {
		u, err := scanUpload(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// UploadByID returns one upload (ErrNotFound if none).
func (s *Store) UploadByID(ctx context.Context, id int64) (Upload, error) {
	u, err := scanUpload(s.db.QueryRowContext(ctx, `SELECT p.id, p.at, p.user_id, COALESCE(u.email, ''), p.uai, p.name,
		p.sha256, p.size, p.status, p.kept_as, p.problems FROM uploads p LEFT JOIN users u ON u.id = p.user_id WHERE p.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Upload{}, ErrNotFound
	}
	return u, err
}

func scanUpload(row interface{ Scan(...any) error }) (Upload, error) {
	var u Upload
	var at, probs string
	if err := row.Scan(&u.ID, &at, &u.UserID, &u.Email, &u.UAI, &u.Name, &u.SHA256, &u.Size, &u.Status, &u.KeptAs, &probs); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return Upload{}, err
		}
		return Upload{}, fmt.Errorf("read upload: %w", err)
	}
	u.At = parseTime(at)
	var p uploadProblems
	if probs != "" {
		if err := json.Unmarshal([]byte(probs), &p); err != nil {
			return Upload{}, fmt.Errorf("read upload %d: %w", u.ID, err)
		}
	}
	u.Refusals, u.Warnings = p.Refusals, p.Warnings
	return u, nil
}

// FileOwner is an institution and year a file is about.
type FileOwner struct {
	UAI  string
	Year int // 0 when only the upload's institution is known
}

// FileOwners returns, for every file on record, the institutions and years
// of the submissions it carried (a refused file carries none) and, for a
// file received through the portal and accepted there, the institution it
// was uploaded for: who may see which file, and what the files page
// filters on. A refused upload gives nothing: sending another
// institution's form (refused for that) must not open its file.
func (s *Store) FileOwners(ctx context.Context) (map[int64][]FileOwner, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT file_id, uai, year FROM submissions
		UNION SELECT f.id, p.uai, 0 FROM files f JOIN uploads p ON p.sha256 = f.sha256 WHERE p.uai != '' AND p.status = 'accepted'
		ORDER BY 1, 2, 3`)
	if err != nil {
		return nil, fmt.Errorf("read the files' institutions: %w", err)
	}
	defer rows.Close()
	out := map[int64][]FileOwner{}
	for rows.Next() {
		var id int64
		var o FileOwner
		if err := rows.Scan(&id, &o.UAI, &o.Year); err != nil {
			return nil, fmt.Errorf("read the files' institutions: %w", err)
		}
		out[id] = append(out[id], o)
	}
	// An upload's institution is told once: not again beside the years
	// its file gave for it (rows are sorted, year 0 first).
	for id, owners := range out {
		kept := owners[:0]
		for i, o := range owners {
			if o.Year == 0 && i+1 < len(owners) && owners[i+1].UAI == o.UAI {
				continue
			}
			kept = append(kept, o)
		}
		out[id] = kept
	}
	return out, rows.Err()
}

// FileByID returns one received file with its problems (ErrNotFound if none).
func (s *Store) FileByID(ctx context.Context, id int64) (FileRecord, error) {
	recs, err := s.files(ctx, `WHERE f.id = ?`, id)
	if err != nil {
		return FileRecord{}, err
	}
	if len(recs) == 0 {
		return FileRecord{}, ErrNotFound
	}
	return recs[0], nil
}

// Carried counts the portal's records a rebuilt store took over from the
// store it replaces.
type Carried struct {
	Users, Audit, Uploads int
}

// CarryAccounts copies the accounts, the audit log and the upload records
// of the store at oldPath into s, ids kept (uploads name their account by
// id). The manifest a rebuild reads lists survey files only: without this
// everyone's account would stay behind in the store set aside. Sessions and
// login failures are not carried: everyone signs in again.
//
// s must hold none of them yet (a store just made). The old store is only
// read (query_only), and never created: a missing one, or one from before
// the portal, carries nothing. The copy is one transaction: on an error
// (the old store unreadable, as a store being rebuilt may be), s is left
// without any of them.
func (s *Store) CarryAccounts(ctx context.Context, oldPath string) (Carried, error) {
	var c Carried
	if info, err := os.Stat(oldPath); errors.Is(err, fs.ErrNotExist) || (err == nil && info.Size() == 0) {
		return c, nil
	}
	old, err := openReadOnly(oldPath)
	if err != nil {
		return c, fmt.Errorf("read the accounts of %s: %w", oldPath, err)
	}
	defer old.Close()
	var tables int
	if err := old.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('users', 'audit', 'uploads')`).Scan(&tables); err != nil {
		return c, fmt.Errorf("read the accounts of %s: %w", oldPath, err)
	}
	if tables < 3 {
		return c, nil // a store from before the portal
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return c, err
	}
	defer tx.Rollback()
	copies := []struct {
		n            *int
		table, shape string
	}{
		{&c.Users, "users", "id, email, role, uai, password, disabled, created"},
		{&c.Audit, "audit", "id, at, actor, address, action, detail"},
		{&c.Uploads, "uploads", "id, at, user_id, uai, name, sha256, size, status, kept_as, problems"},
	}
	for _, cp := range copies {
		cols := strings.Count(cp.shape, ",") + 1
		rows, err := old.QueryContext(ctx, `SELECT `+cp.shape+` FROM `+cp.table+` ORDER BY id`)
		if err != nil {
			return Carried{}, fmt.Errorf("read the %s of %s: %w", cp.table, oldPath, err)
		}
		ins := `INSERT INTO ` + cp.table + ` (` + cp.shape + `) VALUES (?` + strings.Repeat(", ?", cols-1) + `)`
		for rows.Next() {
			vals := make([]any, cols)
			ptrs := make([]any, cols)
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return Carried{}, fmt.Errorf("read the %s of %s: %w", cp.table, oldPath, err)
			}
			if _, err := tx.ExecContext(ctx, ins, vals...); err != nil {
				rows.Close()
				return Carried{}, fmt.Errorf("copy the %s of %s: %w", cp.table, oldPath, err)
			}
			*cp.n++
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return Carried{}, fmt.Errorf("read the %s of %s: %w", cp.table, oldPath, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return Carried{}, fmt.Errorf("copy the accounts of %s: %w", oldPath, err)
	}
	return c, nil
}
